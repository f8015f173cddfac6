import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import { invalid } from '../../core/errors.js';
import { creditsChargedBetween } from '../support/index.js';
import { departmentNames } from '../tickets/index.js';
import type { ReportGroup, SupportReport } from './schemas.js';

const column: Record<ReportGroup, 'department_key' | 'plan' | 'priority'> = {
  department: 'department_key',
  plan: 'plan',
  priority: 'priority',
};
const planLabels: Record<string, string> = { credit: 'Credit-based', period: 'Period-based', vip: 'VIP' };
const priorityLabels: Record<string, string> = { major: 'Major', normal: 'Normal', minor: 'Minor' };
const DAY = 86_400_000;

type Num = string | number | null;
const num = (v: Num) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/**
 * S-6 / issue item 8: first-response and resolution times in business minutes (median and p90, by
 * percentile_cont over the tickets opened in the period, ticket_sla_created_idx), breach events
 * recorded in it (sla_breaches_at_idx), credits charged on tickets (support's ledger) and time
 * agents recorded (ticket_time_spent_at_idx), per department, plan or priority. The days are cut in
 * `timeZone`; at most 366 of them.
 */
export async function supportReport(
  db: DbOrTrx,
  q: { from: string; to: string; groupBy: ReportGroup; timeZone: string },
): Promise<SupportReport> {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY + 1;
  if (!Number.isFinite(days)) throw invalid({ field: 'from', message: 'Not a date.' });
  if (days < 1) throw invalid({ field: 'to', message: 'The period ends before it starts.' });
  if (days > 366) throw invalid({ field: 'to', message: 'At most 366 days.' });
  const bounds = await sql<{ start: Date; end: Date }>`
    SELECT (${q.from}::date)::timestamp AT TIME ZONE ${q.timeZone} AS start,
           (${q.to}::date + 1)::timestamp AT TIME ZONE ${q.timeZone} AS end`.execute(db);
  const { start, end } = bounds.rows[0] as { start: Date; end: Date };
  const key = sql.ref(column[q.groupBy]);
  const times = await sql<{
    key: string;
    tickets: string;
    fr_median: Num;
    fr_p90: Num;
    resolved: string;
    res_median: Num;
    res_p90: Num;
  }>`
    SELECT ${key} AS key, count(*) AS tickets,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_minutes) AS fr_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_minutes) AS fr_p90,
      count(resolution_minutes) AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_minutes) AS res_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_minutes) AS res_p90
    FROM ticket_sla WHERE created_at >= ${start} AND created_at < ${end}
    GROUP BY 1`.execute(db);
  const breaches = await sql<{ key: string; n: string }>`
    SELECT ${key} AS key, count(*) AS n FROM sla_breaches
    WHERE breached_at >= ${start} AND breached_at < ${end} GROUP BY 1`.execute(db);
  const spent = await sql<{ key: string; minutes: string }>`
    SELECT s.${key} AS key, sum(x.minutes) AS minutes
    FROM ticket_time_spent x JOIN ticket_sla s ON s.ticket_id = x.ticket_id
    WHERE x.created_at >= ${start} AND x.created_at < ${end} GROUP BY 1`.execute(db);
  const charged = await creditsChargedBetween(db, start, end);
  const credits = new Map<string, number>();
  if (charged.length) {
    const owners = await db
      .selectFrom('ticket_sla')
      .select(['ticket_id', column[q.groupBy]])
      .where(
        'ticket_id',
        'in',
        charged.map((c) => c.ticketId),
      )
      .execute();
    const keyOf = new Map(owners.map((o) => [o.ticket_id, String((o as Record<string, unknown>)[column[q.groupBy]])]));
    for (const c of charged) {
      const k = keyOf.get(c.ticketId) ?? 'unknown';
      credits.set(k, (credits.get(k) ?? 0) + c.credits);
    }
  }
  const names =
    q.groupBy === 'department'
      ? new Map((await departmentNames(db)).map((d) => [d.key, d.name]))
      : new Map(Object.entries(q.groupBy === 'plan' ? planLabels : priorityLabels));
  const keys = new Set([
    ...times.rows.map((r) => r.key),
    ...breaches.rows.map((r) => r.key),
    ...spent.rows.map((r) => r.key),
    ...credits.keys(),
  ]);
  const order = [...names.keys()];
  const rows = [...keys]
    .sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9) || a.localeCompare(b))
    .map((k) => {
      const t = times.rows.find((r) => r.key === k);
      return {
        key: k,
        label: names.get(k) ?? k,
        tickets: Number(t?.tickets ?? 0),
        firstResponseMedian: num(t?.fr_median ?? null),
        firstResponseP90: num(t?.fr_p90 ?? null),
        resolved: Number(t?.resolved ?? 0),
        resolutionMedian: num(t?.res_median ?? null),
        resolutionP90: num(t?.res_p90 ?? null),
        breaches: Number(breaches.rows.find((r) => r.key === k)?.n ?? 0),
        creditsCharged: credits.get(k) ?? 0,
        timeSpentMinutes: Number(spent.rows.find((r) => r.key === k)?.minutes ?? 0),
      };
    });
  return { from: q.from, to: q.to, groupBy: q.groupBy, timeZone: q.timeZone, rows };
}

const csvColumns = [
  'key',
  'label',
  'tickets',
  'firstResponseMedian',
  'firstResponseP90',
  'resolved',
  'resolutionMedian',
  'resolutionP90',
  'breaches',
  'creditsCharged',
  'timeSpentMinutes',
] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as CSV: a header row, one line per group, CRLF line ends (RFC 4180). */
export function reportCsv(r: SupportReport): string {
  const lines = [csvColumns.join(','), ...r.rows.map((row) => csvColumns.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
