/**
 * Migration 0010 on a database that already has people: it registers every address and confirms
 * every profile, and when a profile and a staff user share an address it stops, lists them and
 * changes nothing (A-1: which of the two keeps the address is the operator's call, not a script's).
 * Runs on a scratch database of its own (PGlite in memory, or a scratch PostgreSQL database), migrated
 * only up to 0009 before the people are put in.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClock } from '../src/core/clock.js';
import type { AppContext } from '../src/core/context.js';
import { migrate } from '../src/core/db/migrate.js';
import { migrateBefore, scratchDatabase } from './scratch-migration.js';
import { updateStaffUser } from '../src/modules/staff/staff-users.js';
import { testConfig } from './db.js';

const target = '0010_unique_email';

const handle = await scratchDatabase('m');
const { db } = handle;
afterAll(() => handle.close());

describe('migration 0010_unique_email', () => {
  it('A-1 stops on an address shared by a profile and a staff user, lists each pair, and changes nothing; then registers and confirms everybody', async () => {
    await migrateBefore(db, target);
    const created = new Date('2025-01-10T08:00:00Z');
    const stamp = { created_at: created, updated_at: created };
    const company = await db
      .insertInto('companies')
      .values({ name: 'Old Co', ...stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    // sql`` rather than Kysely's typed insert: email_confirmed_at does not exist yet.
    const profile = async (email: string, role: string) =>
      (
        await sql<{ id: string }>`INSERT INTO profiles (company_id, role, email, name, created_at, updated_at)
          VALUES (${company.id}, ${role}, ${email}, 'Old Person', ${created}, ${created}) RETURNING id`.execute(db)
      ).rows[0]!.id;
    const staff = async (email: string) =>
      (
        await sql<{ id: string }>`INSERT INTO staff_users (email, name, role, created_at, updated_at)
          VALUES (${email}, 'Old Staff', 'agent', ${created}, ${created}) RETURNING id`.execute(db)
      ).rows[0]!.id;
    const sharedProfile = await profile('Shared@Example.com', 'primary');
    const sharedStaff = await staff('shared@example.COM');
    const otherProfile = await profile('second@example.com', 'secondary');
    const otherStaff = await staff('Also.Second@example.com');
    const alone = await profile('alone@example.com', 'advanced');
    const aloneStaff = await staff('staff-only@example.com');

    const failed = await migrate(db).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toContain('these e-mail addresses belong to both a customer profile and a staff user');
    expect(message).toContain(`shared@example.com (profile ${sharedProfile}, staff user ${sharedStaff})`);
    expect(message).not.toContain('alone@example.com');
    // Nothing was changed: not the migration's table, column or record, not a person.
    const state = await sql<{ register: string | null; column: string | null }>`
      SELECT to_regclass('email_addresses')::text AS register,
             (SELECT column_name::text FROM information_schema.columns
               WHERE table_name = 'profiles' AND column_name = 'email_confirmed_at') AS column`.execute(db);
    expect(state.rows[0]).toEqual({ register: null, column: null });
    const versions = (await db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version);
    expect(versions).not.toContain(target);
    expect(
      (await db.selectFrom('staff_users').select('email').where('id', '=', sharedStaff).executeTakeFirstOrThrow())
        .email,
    ).toBe('shared@example.COM');

    // The operator gives the staff user another address, as the message says (the use case behind
    // `clientele change-staff-email`, on the schema before 0010); now the migration goes through.
    const ctx = { db, clock: new TestClock(created), config: testConfig() } as unknown as AppContext;
    await updateStaffUser(ctx, { kind: 'system', name: 'cli' }, sharedStaff, { email: 'shared.staff@vendor.example' });
    expect(await migrate(db)).toContain(target);
    const register = await db
      .selectFrom('email_addresses')
      .select(['email_lower', 'profile_id', 'staff_id'])
      .orderBy('email_lower')
      .execute();
    expect(register).toEqual(
      [
        { email_lower: 'alone@example.com', profile_id: alone, staff_id: null },
        { email_lower: 'also.second@example.com', profile_id: null, staff_id: otherStaff },
        { email_lower: 'second@example.com', profile_id: otherProfile, staff_id: null },
        { email_lower: 'shared.staff@vendor.example', profile_id: null, staff_id: sharedStaff },
        { email_lower: 'shared@example.com', profile_id: sharedProfile, staff_id: null },
        { email_lower: 'staff-only@example.com', profile_id: null, staff_id: aloneStaff },
      ].sort((a, b) => a.email_lower.localeCompare(b.email_lower)),
    );
    // whoever existed before is confirmed (since they were created); nobody is locked out.
    const confirmed = await db.selectFrom('profiles').select(['id', 'email_confirmed_at']).execute();
    expect(confirmed.map((p) => p.email_confirmed_at?.toISOString())).toEqual(
      confirmed.map(() => created.toISOString()),
    );
    // From now on the register refuses a second person, whichever table the address goes into.
    const again = await db
      .insertInto('staff_users')
      .values({ email: 'ALONE@example.com', name: 'Late Staff', role: 'agent', ...stamp })
      .execute()
      .catch((e: { code?: string; constraint?: string }) => e);
    expect(again).toMatchObject({ code: '23505', constraint: 'email_addresses_pkey' });
  });
});
