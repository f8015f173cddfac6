import { z } from 'zod';
import { timeZoneName } from '../../core/time-zone.js';

const minutes = (what: string) =>
  z
    .number(`${what}: whole business minutes.`)
    .int(`${what}: whole business minutes.`)
    .min(1, `${what}: at least 1 minute.`)
    .max(100_000, `${what}: at most 100,000 minutes.`);

/** S-5 / S-6: the targets in business minutes, as staff edit them. */
export const slaSettingsSchema = z.object({
  hotrushFirst: minutes('HotRush first response'),
  hotrushNext: minutes('HotRush next response'),
  vipFirst: minutes('VIP first response'),
  vipNext: minutes('VIP next response'),
  majorFirst: minutes('Major first response'),
  majorNext: minutes('Major next response'),
  normalFirst: minutes('Normal first response'),
  normalNext: minutes('Normal next response'),
  minorFirst: minutes('Minor first response'),
  minorNext: minutes('Minor next response'),
  warningLead: z
    .number('Warning lead: whole business minutes.')
    .int('Warning lead: whole business minutes.')
    .min(0, 'Warning lead: 0 or more (0: no warnings).')
    .max(100_000, 'Warning lead: at most 100,000 minutes.'),
});
export const slaSettingsBody = slaSettingsSchema.strict();
export type SlaSettingsInput = z.infer<typeof slaSettingsSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date (YYYY-MM-DD).');
export const reportGroups = ['department', 'plan', 'priority'] as const;
export type ReportGroup = (typeof reportGroups)[number];

export const reportQuery = z.strictObject({
  from: day.describe('The first day of the period (in tz).'),
  to: day.describe('The last day of the period, included (in tz); at most 366 days after from.'),
  groupBy: z.enum(reportGroups, 'Group by department, plan or priority.').default('department'),
  tz: timeZoneName.optional().describe('The zone the days are cut in (default UTC).'),
});

const stat = z.number().nullable();
export const reportRow = z.object({
  key: z.string(),
  label: z.string(),
  tickets: z.number().int().describe('Tickets opened in the period.'),
  firstResponseMedian: stat.describe('Business minutes from opening to the first answer, median.'),
  firstResponseP90: stat,
  resolved: z.number().int(),
  resolutionMedian: stat.describe('Business minutes from opening to (pre-)closing, median.'),
  resolutionP90: stat,
  breaches: z.number().int().describe('Breach events recorded in the period.'),
  creditsCharged: z.number().int().describe('Credits charged less refunded on these tickets in the period.'),
  timeSpentMinutes: z.number().int().describe('Minutes agents recorded on answers in the period.'),
});
export const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(reportGroups),
  timeZone: z.string(),
  rows: z.array(reportRow),
});
export type SupportReport = z.infer<typeof reportSchema>;
