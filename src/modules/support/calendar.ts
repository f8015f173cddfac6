import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import {
  BusinessCalendar,
  BusinessCalendarError,
  type BusinessCalendarSettings,
} from '../../core/business-calendar.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { invalid } from '../../core/errors.js';

let cached: { key: string; calendar: BusinessCalendar } | undefined;

/**
 * S-5: the support hours in force, as a BusinessCalendar. One primary-key read; the parsed calendar is
 * kept while the stored row is unchanged (several servers: each reads the row, so an edit on one is seen
 * by all on their next call).
 */
export async function loadSupportCalendar(db: DbOrTrx): Promise<BusinessCalendar> {
  const row = await db
    .selectFrom('support_calendar')
    .select(['settings', 'updated_at'])
    .where('id', '=', true)
    .executeTakeFirst();
  const key = row ? `${row.updated_at.getTime()}:${JSON.stringify(row.settings)}` : 'default';
  if (cached?.key === key) return cached.calendar;
  const calendar = new BusinessCalendar((row?.settings ?? {}) as Partial<BusinessCalendarSettings>);
  cached = { key, calendar };
  return calendar;
}

/**
 * S-5: staff replace the support hours. The settings are validated by the calendar itself; each
 * problem becomes a field error named by its path in the settings (`timeZone`, `hours.1.0` for
 * Monday's first interval, `holidays.3`), so a route whose body is the settings shows it on that
 * input; nothing is stored.
 */
export async function saveSupportCalendar(
  db: DbOrTrx,
  settings: BusinessCalendarSettings,
  actor: Actor,
  at: Date,
): Promise<BusinessCalendar> {
  let calendar: BusinessCalendar;
  try {
    calendar = new BusinessCalendar(settings);
  } catch (e) {
    if (e instanceof BusinessCalendarError)
      throw invalid(e.fieldProblems.map(({ field, message }) => ({ field, message })));
    throw e;
  }
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('support_calendar')
      .select('settings')
      .where('id', '=', true)
      .executeTakeFirst();
    await trx
      .updateTable('support_calendar')
      .set({
        settings: JSON.stringify(calendar.settings),
        updated_at: at,
        updated_by: actor.kind === 'staff' ? actor.id : null,
      })
      .where('id', '=', true)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'support.calendar.updated',
      entity: 'support_calendar',
      before: before?.settings,
      after: calendar.settings,
      at,
    });
  });
  return calendar;
}
