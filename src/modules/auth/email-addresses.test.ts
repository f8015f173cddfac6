/**
 * One address, one person: the register of addresses refuses a customer profile and a
 * staff user with the same e-mail, whatever its case and whoever writes first, even at the same time.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildStaff, mailTo, uniq } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();
const strong = 'Plenty long secret 9';

const signUp = (email: string, companyName = `Signup ${uniq()}`) =>
  call(app, null, 'POST', '/api/v1/auth/signup', { companyName, name: 'Sam Signup', email, password: strong });
const companiesNamed = (name: string) => ctx.db.selectFrom('companies').select('id').where('name', '=', name).execute();
const holderOf = (email: string) =>
  ctx.db
    .selectFrom('email_addresses')
    .select(['profile_id', 'staff_id'])
    .where('email_lower', '=', email.toLowerCase())
    .execute();

describe('A-1 one address, one person across profiles and staff', () => {
  it('A-13 an e-mail used by a staff user cannot sign up as a customer (409 email-taken), and the staff user keeps its recovery', async () => {
    const admin = await buildStaff(ctx, 'admin');
    for (const email of [admin.email, admin.email.toUpperCase()]) {
      const name = `Squatter ${uniq()}`;
      const res = await signUp(email, name);
      expect(expectProblem(res, 409, 'email-taken').errors).toEqual([{ field: 'email', message: expect.any(String) }]);
      // Never half-written: the company of the refused sign-up is gone with it.
      expect(await companiesNamed(name)).toHaveLength(0);
    }
    expect(await holderOf(admin.email)).toEqual([{ profile_id: null, staff_id: admin.id }]);
    // "Forgot password" for that address resets the staff user, as before anybody tried.
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: admin.email });
    const token = decodeURIComponent(
      (await mailTo(ctx, admin.email))[0]?.text_body.match(/token=([\w%-]+)/)?.[1] ?? 'none',
    );
    const reset = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'Keys stay with me 5',
    });
    expect(reset.json()).toEqual({ ok: true, kind: 'staff' });
  });

  it('A-1 every profile and staff user holds its lower-cased address in the register', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const email = `Mixed.Case-${uniq()}@Example.com`;
    expect((await signUp(email)).statusCode).toBe(201);
    const profile = await ctx.db
      .selectFrom('profiles')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(await holderOf(email)).toEqual([{ profile_id: profile.id, staff_id: null }]);
    // A change of case only is the same address: nothing to claim, nothing refused.
    await ctx.db
      .updateTable('staff_users')
      .set({ email: admin.email.toUpperCase() })
      .where('id', '=', admin.id)
      .execute();
    expect(await holderOf(admin.email)).toEqual([{ profile_id: null, staff_id: admin.id }]);
  });

  it('A-1 a sign-up and a staff user created at once with one address: exactly one wins, the other is a 409', async () => {
    const admin = await buildStaff(ctx, 'admin');
    for (let round = 0; round < 5; round++) {
      const email = `race-${uniq()}@example.com`;
      const [customer, staff] = await Promise.all([
        signUp(email),
        call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email: email.toUpperCase(),
          name: 'Racing Staff',
          role: 'agent',
          password: strong,
        }),
      ]);
      expect([customer.statusCode, staff.statusCode].sort()).toEqual([201, 409]);
      expectProblem(customer.statusCode === 409 ? customer : staff, 409, 'email-taken');
      const profiles = await ctx.db
        .selectFrom('profiles')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .execute();
      const staffUsers = await ctx.db
        .selectFrom('staff_users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .execute();
      expect(profiles.length + staffUsers.length).toBe(1);
      expect(await holderOf(email)).toHaveLength(1);
    }
  });

  // Only PostgreSQL has two connections at once: there the second writer of an address really
  // waits on the first transaction's key, and learns whether it may have it when that one ends.
  it.runIf(!!process.env.DATABASE_URL)(
    'A-1 on PostgreSQL a sign-up waits for a staff user being created with its address, and is refused when that commits',
    async () => {
      for (const outcome of ['commit', 'rollback'] as const) {
        const email = `held-${outcome}-${uniq()}@example.com`;
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let inserted!: () => void;
        const claimed = new Promise<void>((r) => (inserted = r));
        const staffTrx = ctx.db
          .transaction()
          .execute(async (trx) => {
            const now = new Date();
            await trx
              .insertInto('staff_users')
              .values({ email, name: 'Held Staff', role: 'agent', created_at: now, updated_at: now })
              .execute();
            inserted();
            await held;
            if (outcome === 'rollback') throw new Error('rolled back on purpose');
          })
          .catch((e: Error) => e.message);
        await claimed;
        const customer = signUp(email.toUpperCase());
        // The sign-up is blocked on the register's key, not refused and not through.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const waiting = await sql<{ n: string }>`
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%insert into "profiles"%'`.execute(
            ctx.db,
          );
          if (Number(waiting.rows[0]?.n) > 0) break;
          if (Date.now() > deadline) throw new Error('the sign-up never waited for the staff user’s transaction');
          await new Promise((r) => setTimeout(r, 50));
        }
        release();
        await staffTrx;
        const res = await customer;
        if (outcome === 'commit') expectProblem(res, 409, 'email-taken');
        else expect(res.statusCode).toBe(201);
        expect(await holderOf(email)).toHaveLength(1);
      }
    },
  );
});
