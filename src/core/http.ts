import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './audit.js';
import type { AppContext } from './context.js';
import type { Access } from './policy.js';

/** Who is calling, and how: resolved once per request by the auth module. */
export interface Authentication {
  actor: Actor;
  /** Set when the request came with a session cookie: its id and CSRF token. */
  session: { id: string; csrfToken: string } | null;
  via: 'cookie' | 'bearer' | 'none';
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    auth: Authentication;
  }
  interface FastifyContextConfig {
    /** The route's access rule, from its module's policy.ts. */
    access?: Access;
    /** False on the few routes that never look at a session or token (L-10's license check). */
    session?: boolean;
    /** False on a route that never queries the database (/healthz): it cannot answer 503 for an outage. */
    database?: boolean;
  }
}

/** Client metadata recorded with sessions and audit entries. */
export function requestMeta(req: FastifyRequest): { ip: string; userAgent: string } {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
}

export function sendProblemJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/problem+json').send(body);
}
