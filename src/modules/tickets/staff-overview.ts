import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import { countHeldInboundMail, heldCountCap } from './inbound/held-count.js';
import { countsFor, queueCounts, type ViewCounts, workStatuses } from './queue-views.js';

export interface OverviewInput {
  meId: string;
  now: Date;
  /** The viewer's IANA time zone: the days of the chart and the weeks of the CSAT trend are cut there. */
  timeZone: string;
}

/**
 * Issue 11: the staff Overview. Every figure is a read of a maintained counter or a short index
 * range (migration 0014), so the page costs the same at a thousand tickets or a million:
 *  - per department: open, unassigned, mine, waiting on the customer, solved, breaching (counters
 *    and the due-time index);
 *  - the ticket whose customer has waited longest for an answer, per department (index
 *    tickets_customer_waiting_idx, one row each);
 *  - tickets created and solved per day over 30 days, ratings per week over 12 weeks (the hourly
 *    stats table, cut into the viewer's days);
 *  - inbound mail held for review (the inbound code's own count).
 */
/** Per department, the open ticket whose customer has waited longest (index tickets_customer_waiting_idx, one row each). */
export function oldestWaitingQuery() {
  return sql<{ department_key: string; number: string; title: string; waiting_since: Date }>`
    SELECT d.key AS department_key, t.number, t.title, t.waiting_since FROM departments d
    CROSS JOIN LATERAL (
      SELECT number, title, waiting_since FROM tickets
      WHERE department_key = d.key AND status IN (${sql.join(workStatuses.map((s) => sql.lit(s)))})
        AND last_public_by = 'customer'
      ORDER BY waiting_since LIMIT 1
    ) t`;
}

export async function staffOverview(db: DbOrTrx, input: OverviewInput) {
  const { now, timeZone } = input;
  const [departments, counts, oldest, days, weeks, held] = await Promise.all([
    db.selectFrom('departments').select(['key', 'name']).orderBy('position').orderBy('key').execute(),
    queueCounts(db, input.meId, now),
    oldestWaitingQuery().execute(db),
    sql<{ day: string; created: string; solved: string }>`
      WITH days AS (
        SELECT generate_series(
          date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) - interval '29 days',
          date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}), interval '1 day') AS day
      ), stats AS (
        SELECT date_trunc('day', hour AT TIME ZONE ${timeZone}) AS day, sum(created) AS created, sum(solved) AS solved
        FROM ticket_stats_hourly
        WHERE hour >= (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) - interval '29 days') AT TIME ZONE ${timeZone}
        GROUP BY 1
      )
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(stats.created, 0) AS created, coalesce(stats.solved, 0) AS solved
      FROM days LEFT JOIN stats ON stats.day = days.day ORDER BY days.day`.execute(db),
    sql<{ week: string; rated: string; rating_sum: string; rated_good: string }>`
      WITH weeks AS (
        SELECT generate_series(
          date_trunc('week', ${now}::timestamptz AT TIME ZONE ${timeZone}) - interval '11 weeks',
          date_trunc('week', ${now}::timestamptz AT TIME ZONE ${timeZone}), interval '1 week') AS week
      ), stats AS (
        SELECT date_trunc('week', hour AT TIME ZONE ${timeZone}) AS week, sum(rated) AS rated,
          sum(rating_sum) AS rating_sum, sum(rated_good) AS rated_good
        FROM ticket_stats_hourly
        WHERE hour >= (date_trunc('week', ${now}::timestamptz AT TIME ZONE ${timeZone}) - interval '11 weeks') AT TIME ZONE ${timeZone}
          AND rated <> 0
        GROUP BY 1
      )
      SELECT to_char(weeks.week, 'YYYY-MM-DD') AS week, coalesce(stats.rated, 0) AS rated,
        coalesce(stats.rating_sum, 0) AS rating_sum, coalesce(stats.rated_good, 0) AS rated_good
      FROM weeks LEFT JOIN stats ON stats.week = weeks.week ORDER BY weeks.week`.execute(db),
    countHeldInboundMail(db),
  ]);
  const oldestOf = new Map(oldest.rows.map((o) => [o.department_key, o]));
  const present = (o: (typeof oldest.rows)[number] | undefined) =>
    o ? { number: Number(o.number), title: o.title, waitingSince: new Date(o.waiting_since).toISOString() } : null;
  const all = [...oldest.rows].sort(
    (a, b) => new Date(a.waiting_since).getTime() - new Date(b.waiting_since).getTime(),
  )[0];
  return {
    timeZone,
    departments: departments.map((d) => ({
      key: d.key,
      name: d.name,
      counts: countsFor(counts, d.key) satisfies ViewCounts,
      oldestWaiting: present(oldestOf.get(d.key)),
    })),
    totals: countsFor(counts),
    oldestWaiting: present(all),
    perDay: days.rows.map((r) => ({ day: r.day, created: Number(r.created), solved: Number(r.solved) })),
    csat: weeks.rows.map((r) => {
      const rated = Number(r.rated);
      return {
        week: r.week,
        rated,
        average: rated ? Math.round((Number(r.rating_sum) / rated) * 100) / 100 : null,
        goodShare: rated ? Math.round((Number(r.rated_good) / rated) * 1000) / 10 : null,
      };
    }),
    heldInboundMail: held,
    heldInboundMailCapped: held > heldCountCap,
  };
}
