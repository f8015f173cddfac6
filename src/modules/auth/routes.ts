import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../core/http.js';
import { noContent, problems } from '../../core/openapi.js';
import { asProfileOrStaff } from './actor.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { authenticate, sessionCookieName } from './authenticate.js';
import { changePassword } from './change-password.js';
import { confirmEmail, resendEmailConfirmation } from './confirm-email.js';
import { logIn } from './log-in.js';
import { loadMe } from './me.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.js';
import { authPolicy as policy } from './policy.js';
import * as s from './schemas.js';
import { listSessions, revokeSession } from './session-list.js';
import { signUp } from './sign-up.js';

const tags = ['auth'];
const authLimit = (max: number) => ({ max, timeWindow: '1 minute' });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const rateLimit = (max: number) => (ctx.config.rateLimit ? authLimit(max) : false);

  const setCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(sessionCookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      expires: expiresAt,
    });

  const startSession = async (
    req: FastifyRequest,
    reply: FastifyReply,
    session: { token: string; csrfToken: string; expiresAt: Date },
  ) => {
    setCookie(reply, session.token, session.expiresAt);
    const auth = await authenticate(ctx.db, { cookie: session.token }, ctx.clock.now());
    req.auth = auth;
    return loadMe(ctx.db, app.modules, auth.actor, session.csrfToken);
  };

  app.post('/auth/signup', {
    config: { access: policy.signUp, rateLimit: rateLimit(10) },
    schema: {
      tags,
      summary: 'Sign up: a new company and its primary profile, which logs in once its e-mail is confirmed (A-13)',
      description:
        'Nobody is signed in: a single-use link valid 48 hours is mailed to the address. 409 email-taken when any profile or staff user has it.',
      body: s.signupBody,
      // 403: sign-up is closed on this installation (CLIENTELE_SIGNUP=closed).
      response: { 201: s.signupDoneSchema, ...problems(403, 409) },
    },
    handler: async (req, reply) => {
      const done = await signUp(ctx, { ...req.body, ...requestMeta(req) });
      return reply.code(201).send({ email: done.email, confirmationExpiresAt: done.expiresAt.toISOString() });
    },
  });

  app.post('/auth/confirm-email', {
    config: { access: policy.confirmEmail, rateLimit: rateLimit(20) },
    schema: {
      tags,
      summary: 'Confirm a sign-up’s e-mail with its link (A-13); then log in',
      body: s.confirmEmailBody,
      response: { 200: s.emailConfirmedSchema },
    },
    handler: async (req) => ({ ok: true as const, ...(await confirmEmail(ctx, req.body.token, req.ip)) }),
  });

  app.post('/auth/confirm-email/resend', {
    config: { access: policy.resendConfirmation, rateLimit: rateLimit(10) },
    schema: {
      tags,
      summary: 'Mail a sign-up’s confirmation link again (A-13); answers 202 whatever the e-mail',
      body: s.resendConfirmationBody,
      response: { 202: s.okSchema },
    },
    handler: async (req, reply) => {
      await resendEmailConfirmation(ctx, req.body.email, req.ip);
      return reply.code(202).send({ ok: true as const });
    },
  });

  for (const kind of ['profile', 'staff'] as const) {
    app.post(kind === 'profile' ? '/auth/login' : '/staff/auth/login', {
      config: { access: kind === 'profile' ? policy.logIn : policy.staffLogIn, rateLimit: rateLimit(30) },
      schema: {
        tags,
        summary:
          kind === 'profile'
            ? 'Customer log-in (A-5); 403 email-unconfirmed for a sign-up that has not confirmed its e-mail (A-13)'
            : 'Staff log-in (A-10)',
        body: s.loginBody,
        // 403 email-unconfirmed: a customer sign-up that has not confirmed its e-mail yet.
        response: { 200: s.meSchema, ...(kind === 'profile' ? problems(401, 403, 423) : problems(401, 423)) },
      },
      handler: async (req, reply) => {
        const session = await logIn(ctx, kind, { ...req.body, ...requestMeta(req) });
        return startSession(req, reply, session);
      },
    });
  }

  app.post('/auth/logout', {
    config: { access: policy.logOut },
    schema: { tags, summary: 'End this session', response: { 204: noContent } },
    handler: async (req, reply) => {
      if (req.auth.session) {
        await ctx.db
          .updateTable('sessions')
          .set({ revoked_at: ctx.clock.now() })
          .where('id', '=', req.auth.session.id)
          .execute();
      }
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.post('/auth/password-reset', {
    config: { access: policy.requestPasswordReset, rateLimit: rateLimit(10) },
    schema: {
      tags,
      summary: 'Mail a password-reset link (A-6); answers 202 whatever the e-mail',
      body: s.resetRequestBody,
      response: { 202: s.okSchema },
    },
    handler: async (req, reply) => {
      await requestPasswordReset(ctx, req.body.email, req.ip);
      return reply.code(202).send({ ok: true as const });
    },
  });

  app.post('/auth/password-reset/confirm', {
    config: { access: policy.confirmPasswordReset, rateLimit: rateLimit(20) },
    schema: {
      tags,
      summary: 'Set a new password with a reset link (A-6, A-7)',
      body: s.resetConfirmBody,
      response: { 200: s.resetDoneSchema },
    },
    handler: async (req) => {
      const { kind } = await confirmPasswordReset(ctx, req.body.token, req.body.password, req.ip);
      return { ok: true as const, kind };
    },
  });

  // The web app asks this on every load: a signed-out visitor is an ordinary answer here, not a 401
  // that the browser logs as a failed request in its console (GET /me keeps its 401 for scripts).
  app.get('/auth/session', {
    config: { access: policy.session },
    schema: {
      tags,
      summary: 'Who is signed in, or nobody ({ me: null }): what the web app asks when it loads',
      response: { 200: z.object({ me: s.meSchema.nullable() }) },
    },
    handler: async (req) => ({
      me:
        req.auth.actor.kind === 'anonymous'
          ? null
          : await loadMe(ctx.db, app.modules, req.auth.actor, req.auth.session?.csrfToken ?? null),
    }),
  });

  app.get('/me', {
    config: { access: policy.me },
    schema: {
      tags,
      summary: 'The signed-in profile or staff user, with permissions (A-2)',
      response: { 200: s.meSchema },
    },
    handler: async (req) => loadMe(ctx.db, app.modules, req.auth.actor, req.auth.session?.csrfToken ?? null),
  });

  app.post('/me/password', {
    config: { access: policy.changePassword, rateLimit: rateLimit(10) },
    schema: {
      tags,
      summary: 'Change your password; your other sessions end',
      body: s.changePasswordBody,
      response: { 200: s.okSchema },
    },
    handler: async (req) => {
      await changePassword(ctx, asProfileOrStaff(req.auth.actor), { ...req.body, sessionId: req.auth.session?.id });
      return { ok: true as const };
    },
  });

  app.get('/me/sessions', {
    config: { access: policy.listSessions },
    schema: { tags, summary: 'Your open sessions', response: { 200: z.object({ items: z.array(s.sessionSchema) }) } },
    handler: async (req) => ({
      items: await listSessions(ctx.db, asProfileOrStaff(req.auth.actor), req.auth.session?.id, ctx.clock.now()),
    }),
  });

  app.delete('/me/sessions/:id', {
    config: { access: policy.revokeSession },
    schema: {
      tags,
      summary: 'End one of your sessions',
      params: s.sessionIdParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await revokeSession(ctx.db, asProfileOrStaff(req.auth.actor), req.params.id, ctx.clock.now());
      return reply.code(204).send(null);
    },
  });

  app.get('/me/tokens', {
    config: { access: policy.listTokens },
    schema: {
      tags,
      summary: 'Your personal API tokens (X-1)',
      response: { 200: z.object({ items: z.array(s.tokenSchema) }) },
    },
    handler: async (req) => ({ items: await listApiTokens(ctx.db, asProfileOrStaff(req.auth.actor), ctx.clock.now()) }),
  });

  app.post('/me/tokens', {
    config: { access: policy.createToken },
    schema: {
      tags,
      summary: 'Create a personal API token; the secret is shown only in this response',
      body: s.newTokenBody,
      response: { 201: z.object({ token: s.tokenSchema, secret: z.string() }) },
    },
    handler: async (req, reply) => {
      const created = await createApiToken(ctx.db, asProfileOrStaff(req.auth.actor), req.body, ctx.clock.now());
      return reply.code(201).send(created);
    },
  });

  app.delete('/me/tokens/:id', {
    config: { access: policy.revokeToken },
    schema: {
      tags,
      summary: 'Revoke a personal API token',
      params: s.idParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await revokeApiToken(ctx.db, asProfileOrStaff(req.auth.actor), req.params.id, ctx.clock.now());
      return reply.code(204).send(null);
    },
  });
};
