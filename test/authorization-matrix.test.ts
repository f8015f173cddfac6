/**
 * The authorization matrix (SPEC ): every registered route × every kind of caller.
 * The rows live beside their module (src/modules/<module>/<module>.matrix.ts, core's in
 * test/core.matrix.ts) and are merged here. A registered route without a row fails the first test,
 * so each new module must add its `<module>.matrix.ts` (found on disk); so does a row whose route
 * does not exist, and a route given rows by two owners.
 * Each case runs on fresh fixtures, so a write allowed for one caller cannot change another case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/core/permissions.js';
import { queueMail } from '../src/core/mail/outbox.js';
import { createTicket } from '../src/modules/tickets/create-ticket.js';
import { coreMatrix } from './core.matrix.js';
import { buildCatalogue, buildCompany, buildLicense, sessionFor, uniq } from './factories.js';
import { seedMatrixFiles } from './files-helpers.js';
import { type Auth, call, setupApp } from './helpers.js';
import { type ActorKey, actors, type Fixture, type MatrixRow, type MatrixRows, staffRoles } from './matrix.js';

/**
 * Every owner of routes and its rows: core's, and each module's `src/modules/<m>/<m>.matrix.ts`,
 * found on disk, so a new module adds its file and edits nothing here.
 */
const rowsByOwner: Record<string, MatrixRows> = { core: coreMatrix };
const modulesDir = path.join(import.meta.dirname, '..', 'src', 'modules');
for (const m of fs.readdirSync(modulesDir).sort()) {
  const file = path.join(modulesDir, m, `${m}.matrix.ts`);
  if (!fs.existsSync(file)) continue;
  const rows = (await import(pathToFileURL(file).href)) as Record<string, MatrixRows>;
  rowsByOwner[m] = Object.assign({}, ...Object.values(rows));
}

/** Routes given a row by more than one owner (a merge would silently keep only the last). */
const claimedTwice = Object.entries(rowsByOwner)
  .flatMap(([owner, rows]) => Object.keys(rows).map((key) => ({ owner, key })))
  .filter((r, i, all) => all.findIndex((x) => x.key === r.key) !== i)
  .map((r) => `${r.key} (again in ${r.owner})`);
const matrix: Record<string, MatrixRow> = Object.assign({}, ...Object.values(rowsByOwner));

const { app, ctx } = await setupApp();

// ---- fixtures ---------------------------------------------------------------------------
async function fixture(): Promise<Fixture> {
  const now = ctx.clock.now();
  const a = await buildCompany(ctx);
  const b = await buildCompany(ctx);
  await ctx.db
    .insertInto('profile_avatars')
    .values({
      profile_id: a.secondary.id,
      content: Buffer.from('RIFF0000WEBP'),
      media_type: 'image/webp',
      updated_at: now,
    })
    .execute();
  // A disabled profile whose session was not revoked: the status check itself must refuse it.
  const disabled = await ctx.db
    .insertInto('profiles')
    .values({
      company_id: a.id,
      role: 'secondary',
      email: `d-${uniq()}@example.com`,
      name: 'Dee Disabled',
      status: 'disabled',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staffAuth: Partial<Record<ActorKey, Auth>> = {};
  for (const role of staffRoles) {
    const u = await ctx.db
      .insertInto('staff_users')
      .values({
        email: `${role}-${uniq()}@vendor.example`,
        name: `Staff ${role}`,
        role,
        password_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    staffAuth[role] = await sessionFor(ctx, { staffId: u.id });
  }
  // Staff passwords: the /me/password row needs the current password to be the test password.
  await ctx.db
    .updateTable('staff_users')
    .set({
      password_hash: (
        await ctx.db
          .selectFrom('profiles')
          .select('password_hash')
          .where('id', '=', a.primary.id)
          .executeTakeFirstOrThrow()
      ).password_hash,
    })
    .where('password_hash', 'is', null)
    .execute();
  const target = await ctx.db
    .insertInto('staff_users')
    .values({
      email: `target-${uniq()}@vendor.example`,
      name: 'Target Staff',
      role: 'agent',
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueMail(ctx.db, { to: a.primary.email, subject: 'Matrix', text: 'Hello', kind: 'test' }, now);
  const cat = await buildCatalogue(ctx);
  const license = await buildLicense(ctx, a.id, cat, { url: 'https://matrix.example.com', modules: [cat.moduleId] });
  const notAccepted = await buildLicense(ctx, a.id, cat, { state: 'not_accepted' });
  // The open transfer is of a license of its own: an open transfer freezes its license's URL (L-7).
  const inTransfer = await buildLicense(ctx, a.id, cat);
  const transfer = await ctx.db
    .insertInto('license_transfers')
    .values({
      license_id: inTransfer.id,
      from_company_id: a.id,
      to_company_id: b.id,
      to_email: b.primary.email,
      state: 'requested',
      requested_by: a.primary.id,
      requested_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const release = await ctx.db
    .selectFrom('releases')
    .select('id')
    .where('product_id', '=', cat.productId)
    .executeTakeFirstOrThrow();
  const mail = await ctx.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('to_address', '=', a.primary.email)
    .executeTakeFirstOrThrow();
  const ticket = await createTicket(
    ctx,
    {
      kind: 'profile',
      id: a.primary.id,
      companyId: a.id,
      role: 'primary',
      email: a.primary.email,
      name: a.primary.name,
    },
    { type: 'generic', licenses: [], priority: 'normal', hotrush: false, title: 'Matrix ticket', message: 'Hello' },
    [
      {
        name: 'log.txt',
        mediaType: 'text/plain',
        stored: await ctx.storage.put(Readable.from([Buffer.from('log line')]), { maxBytes: 1000, prefix: 'tickets' }),
      },
    ],
  );
  const attachment = await ctx.db
    .selectFrom('ticket_attachments')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  const canned = await ctx.db
    .insertInto('canned_replies')
    .values({ title: 'Matrix', body: 'Hello', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inbound = await ctx.db
    .insertInto('inbound_mail')
    .values({
      received_at: now,
      via: 'pipe',
      raw: Buffer.from('From: x@example.com\r\n\r\nHi'),
      size: 30,
      state: 'held',
      reason: 'Unknown sender.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    companyId: a.id,
    inboundId: inbound.id,
    messageCode: (
      await ctx.db
        .selectFrom('ticket_messages')
        .select('message_code')
        .where('ticket_id', '=', ticket.id)
        .executeTakeFirstOrThrow()
    ).message_code,
    ticketNumber: ticket.number,
    attachmentId: attachment.id,
    cannedId: canned.id,
    licenseKey: license.key,
    notAcceptedKey: notAccepted.key,
    moduleId: cat.moduleId,
    module2Id: cat.module2Id,
    productId: cat.productId,
    releaseId: release.id,
    transferId: transfer.id,
    otherPrimaryEmail: b.primary.email,
    profile: { primary: a.primary.id, advanced: a.advanced.id, secondary: a.secondary.id },
    staffTargetId: target.id,
    mailId: String(mail.id),
    ...(await seedMatrixFiles(ctx, a, cat.productId)),
    auth: {
      anonymous: null,
      primary: a.primary.auth,
      advanced: a.advanced.auth,
      secondary: a.secondary.auth,
      otherPrimary: b.primary.auth,
      disabled: await sessionFor(ctx, { profileId: disabled.id }),
      ...(staffAuth as Record<StaffRole, Auth>),
    },
  };
}

const apiRoutes = () =>
  app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1') || r.url === '/healthz' || r.url === '/readyz');

describe('authorization matrix', () => {
  it('A-2 every registered route has a row in the matrix and an access policy, and every row a route', () => {
    const registered = apiRoutes().map((r) => `${r.method} ${r.url}`);
    // One assertion, so that a failure lists every kind of problem at once.
    const problems = {
      routesWithoutRow: registered.filter((k) => !(k in matrix)),
      routesWithRowsInTwoFiles: claimedTwice,
      routesWithoutAccessPolicy: apiRoutes()
        .filter((r) => !r.hasAccess)
        .map((r) => `${r.method} ${r.url}`),
      rowsWithoutRoute: Object.keys(matrix).filter((k) => !registered.includes(k)),
    };
    expect(problems, 'a route needs one row, in src/modules/<module>/<module>.matrix.ts').toEqual({
      routesWithoutRow: [],
      routesWithRowsInTwoFiles: [],
      routesWithoutAccessPolicy: [],
      rowsWithoutRoute: [],
    });
  });

  for (const [key, row] of Object.entries(matrix)) {
    it(`A-2 ${key}`, async () => {
      const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const failures: string[] = [];
      for (const actor of actors) {
        const f = await fixture();
        const req = row.request(f);
        const res = await call(app, f.auth[actor], method, req.url, req.body);
        if (res.statusCode !== row.expect[actor])
          failures.push(`${actor}: expected ${row.expect[actor]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
          failures.push(`${actor}: ${res.statusCode} without problem+json`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
