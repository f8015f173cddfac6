/**
 * Migration 0016 on a database that already has people: profiles.timezone had defaulted to 'UTC', so
 * "never chose" and "chose UTC" looked alike. After it, a zone somebody chose survives (any zone but
 * 'UTC', and 'UTC' when the audit log shows the person set it after the profile's last
 * re-registration); the old default becomes NULL (automatic: the browser's zone). Staff users get a
 * timezone column of their own, NULL for all. Runs on a scratch database migrated only up to 0013.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/core/db/migrate.js';
import { migrateBefore, scratchDatabase } from './scratch-migration.js';

const target = '0016_viewer_time_zones';

const handle = await scratchDatabase('tz');
const { db } = handle;
afterAll(() => handle.close());

describe('migration 0016_viewer_time_zones', () => {
  it('keeps every explicitly chosen zone (UTC too, per the audit log), turns the old UTC default into "automatic", adds staff_users.timezone', async () => {
    await migrateBefore(db, target);
    const t = (iso: string) => new Date(iso);
    const created = t('2025-01-10T08:00:00Z');
    const company = (
      await sql<{ id: string }>`INSERT INTO companies (name, created_at, updated_at)
        VALUES ('Old Co', ${created}, ${created}) RETURNING id`.execute(db)
    ).rows[0]!.id;
    // Raw SQL: the typed schema is the one after 0016. No timezone given = the old default 'UTC'.
    const profile = async (email: string, role: string, timezone?: string) =>
      (
        await sql<{ id: string }>`INSERT INTO profiles (company_id, role, email, name, created_at, updated_at${
          timezone ? sql`, timezone` : sql``
        }) VALUES (${company}, ${role}, ${email}, 'Old Person', ${created}, ${created}${
          timezone ? sql`, ${timezone}` : sql``
        }) RETURNING id`.execute(db)
      ).rows[0]!.id;
    const audit = (id: string, action: string, at: string, after: object) =>
      sql`INSERT INTO audit_log (at, actor_kind, action, entity, entity_id, after)
          VALUES (${t(at)}, 'profile', ${action}, 'profile', ${id}, ${JSON.stringify(after)}::jsonb)`.execute(db);

    const neverChose = await profile('never@example.com', 'primary');
    const changedOtherFields = await profile('phone@example.com', 'advanced');
    await audit(changedOtherFields, 'profile.updated', '2025-02-01T10:00:00Z', { phone: '+1 555' });
    const choseUtc = await profile('utc@example.com', 'secondary');
    await audit(choseUtc, 'profile.updated', '2025-02-01T10:00:00Z', { timezone: 'UTC' });
    const choseDubai = await profile('dubai@example.com', 'secondary', 'Asia/Dubai');
    // The person before a re-registration chose UTC; the new person got the default.
    const reRegistered = await profile('new-person@example.com', 'secondary');
    await audit(reRegistered, 'profile.updated', '2025-02-01T10:00:00Z', { timezone: 'UTC' });
    await audit(reRegistered, 'profile.re-registered', '2025-03-01T10:00:00Z', { email: 'new-person@example.com' });
    const staff = (
      await sql<{ id: string }>`INSERT INTO staff_users (email, name, role, created_at, updated_at)
        VALUES ('agent@vendor.example', 'Old Agent', 'agent', ${created}, ${created}) RETURNING id`.execute(db)
    ).rows[0]!.id;

    expect(await migrate(db)).toContain(target);

    const zones = Object.fromEntries(
      (await db.selectFrom('profiles').select(['id', 'timezone']).execute()).map((r) => [r.id, r.timezone]),
    );
    expect(zones).toEqual({
      [neverChose]: null,
      [changedOtherFields]: null,
      [choseUtc]: 'UTC',
      [choseDubai]: 'Asia/Dubai',
      [reRegistered]: null,
    });
    expect(
      (await db.selectFrom('staff_users').select('timezone').where('id', '=', staff).executeTakeFirstOrThrow())
        .timezone,
    ).toBeNull();
    // New rows: no default any more, "not set" until the person chooses.
    const fresh = await db
      .insertInto('profiles')
      .values({
        company_id: company,
        role: 'advanced',
        email: 'fresh@example.com',
        name: 'Fresh',
        created_at: created,
        updated_at: created,
      })
      .returning('timezone')
      .executeTakeFirstOrThrow()
      .catch((e: Error) => e);
    expect(fresh).toEqual({ timezone: null });
  });
});
