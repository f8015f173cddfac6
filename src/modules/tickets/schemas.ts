import { z } from 'zod';
import { cursorParam } from '../../core/pagination.js';
import { timeZoneName } from '../../core/time-zone.js';
import { customerViews } from './customer-views.js';

const boolish = z.union([
  z.boolean(),
  z.enum(['true', 'false', 'on', '']).transform((v) => v === 'true' || v === 'on'),
]);
const licensesField = z
  .union([
    z.array(z.string().max(64)).max(20),
    z
      .string()
      .max(2000)
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
  ])
  .default([]);

export const priorities = ['major', 'normal', 'minor'] as const;
export const statuses = ['submitted', 'assigned', 'in_progress', 'pre_closed', 'closed', 'reopened'] as const;

export const numberParams = z.strictObject({ number: z.string().max(20) });

export const createBody = z.strictObject({
  type: z.string('Choose the type of your question.').min(1, 'Choose the type of your question.').max(40),
  licenses: licensesField,
  version: z.string().trim().max(40).optional(),
  priority: z.enum(priorities, 'Choose Major, Normal or Minor.').default('normal'),
  hotrush: boolish.default(false),
  title: z
    .string('Give the ticket a brief description.')
    .trim()
    .min(1, 'Give the ticket a brief description.')
    .max(200, 'At most 200 characters.'),
  message: z
    .string('Write your message.')
    .trim()
    .min(1, 'Write your message.')
    .max(50_000, 'At most 50,000 characters.'),
  preAgreeUpTo: z.coerce
    .number('Enter a number of credits.')
    .int('Enter a whole number of credits.')
    .min(0, 'Enter 0 or more credits.')
    .max(1000, 'At most 1,000 credits.')
    .optional()
    .describe('S-2: "I agree in advance to assessments up to N credits" (tech support questions).'),
});

export const messageBody = z.strictObject({
  body: z.string('Write your message.').trim().min(1, 'Write your message.').max(50_000, 'At most 50,000 characters.'),
});

const timeSpentMessage = 'Whole minutes from 0 to 1440.';
const minutesSpent = z
  .number(timeSpentMessage)
  .int(timeSpentMessage)
  .min(0, timeSpentMessage)
  .max(1440, timeSpentMessage);
export const staffMessageBody = messageBody.extend({
  internal: boolish.default(false),
  // T-16: what the agent spent on it; a form sends the digits as text.
  timeSpent: z
    .union(
      [
        minutesSpent,
        z
          .string()
          .regex(/^\d{1,5}$/, timeSpentMessage)
          .transform(Number)
          .pipe(minutesSpent),
      ],
      timeSpentMessage,
    )
    .optional()
    .describe('T-16: the minutes spent on this answer (whole minutes, 0…1440).'),
});

export const changeBody = z.strictObject({
  status: z.enum(['closed', 'reopened'], 'Use "closed" to close or "reopened" to re-open.').optional(),
  priority: z.enum(priorities, 'Choose Major, Normal or Minor.').optional(),
  hotrush: z.boolean().optional(),
});

export const staffChangeBody = z.strictObject({
  status: z.enum(statuses).optional(),
  assigneeId: z.uuid('Choose a staff user.').nullable().optional(),
  type: z.string().max(40).optional(),
  department: z.string().max(40).optional(),
  solved: z.boolean().optional(),
});

export const rateBody = z.strictObject({
  rating: z.number().int().min(1, 'From 1 to 5.').max(5, 'From 1 to 5.'),
  comment: z.string().trim().max(5000).optional(),
});

export const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  messageId: z.string().max(40).optional(),
  hideClosed: z.enum(['true', 'false']).optional(),
  view: z
    .enum(customerViews)
    .default('all')
    .describe(
      'open: not Closed; awaiting: an agent answered last and the ticket is open; solved: Pre-closed; closed; all.',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** A list of values in a query string: repeated (?status=a&status=b) or comma-separated (?status=a,b). */
const listOf = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .union([z.string().max(500), z.array(z.string().max(40)).max(20)])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, message)));

export const queueViewKeys = ['open', 'unassigned', 'mine', 'waiting', 'breaching', 'solved'] as const;
export const queueSortKeys = ['queue', 'age', 'activity'] as const;

export const queueQuery = z.strictObject({
  department: z.string().max(40).optional().describe('A department key; absent or empty: all departments.'),
  view: z
    .enum(queueViewKeys, 'Choose open, unassigned, mine, waiting, breaching or solved.')
    .optional()
    .describe(
      'open (default), unassigned, mine, waiting (on the customer), breaching (past due), solved (Pre-closed, T-8).',
    ),
  // Kept for callers of the first queue: me = view mine, none = view unassigned.
  assignee: z.enum(['me', 'none', 'any']).default('any'),
  sort: z
    .enum(queueSortKeys, 'Choose queue, age or activity.')
    .default('queue')
    .describe('queue: HotRush, due, effective priority (T-11); age: oldest first; activity: latest first.'),
  status: listOf(statuses, 'Not a ticket status.').optional(),
  priority: listOf(priorities, 'Choose Major, Normal or Minor.').optional(),
  companyId: z.uuid('Not a valid company id.').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorParam.optional(),
});

export const viewCountsSchema = z.object({
  open: z.number(),
  unassigned: z.number(),
  mine: z.number(),
  waiting: z.number(),
  solved: z.number(),
  breaching: z.number(),
});

export const staffSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  messageId: z.string().max(40).optional(),
  companyId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const attachmentParams = z.strictObject({ number: z.string().max(20), id: z.uuid('Not a valid id.') });

const ticketShape = {
  number: z.number(),
  type: z.object({ key: z.string(), name: z.string() }),
  department: z.object({ key: z.string(), name: z.string() }),
  title: z.string(),
  status: z.enum(statuses),
  priority: z.enum(priorities),
  hotrush: z.boolean(),
  product: z.object({ id: z.string(), name: z.string() }).nullable(),
  version: z.string(),
  licenses: z.array(z.string()),
  author: z.string().nullable(),
  readOnly: z.boolean(),
  rating: z.number().nullable(),
  ratingComment: z.string(),
  ratedAt: z.string().nullable(),
  canRate: z.boolean(),
  mergedInto: z.number().nullable(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  closedAt: z.string().nullable(),
  solved: z.boolean().describe('An agent marked the issue solved, or the ticket is pre-closed (T-8).'),
  closesAt: z
    .string()
    .nullable()
    .describe('When it closes by itself unless someone writes (T-8, T-9); null when it will not.'),
};
export const ticketSchema = z.object(ticketShape);
export const staffTicketSchema = z.object({
  ...ticketShape,
  company: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  effective: z.number(),
  effectiveLabel: z.string(),
  dueAt: z
    .string()
    .nullable()
    .describe('The SLA due (S-6): when the awaited response is due; null while paused or stopped.'),
  vip: z.boolean().describe('S-4: opened under VIP care; queues after HotRush, before the rest.'),
  sla: z
    .object({
      state: z.enum(['running', 'paused', 'stopped']),
      pausedFor: z.enum(['customer', 'agreement']).nullable(),
      awaiting: z.enum(['first', 'next']).nullable(),
      plan: z.enum(['credit', 'period', 'vip']),
      dueAt: z.string().nullable(),
      breached: z.boolean().describe('The current due has passed and the breach was recorded.'),
      breaches: z.number().int(),
      targetMinutes: z.number().int().nullable().describe('The business minutes allowed for the awaited response.'),
      firstResponseAt: z.string().nullable(),
      firstResponseMinutes: z.number().int().nullable(),
    })
    .nullable()
    .describe('S-6: the SLA clock.'),
  solvedAt: z.string().nullable(),
  preClosedAt: z.string().nullable(),
});

const timelineItem = z.union([
  z.object({
    kind: z.literal('message'),
    id: z.string(),
    messageId: z.string(),
    at: z.string(),
    author: z.object({ kind: z.enum(['profile', 'staff', 'system']), name: z.string() }),
    internal: z.boolean(),
    body: z.string(),
    source: z.string(),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mediaType: z.string() })),
  }),
  z.object({
    kind: z.literal('event'),
    id: z.string(),
    at: z.string(),
    event: z.string(),
    actor: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    internal: z.boolean(),
  }),
]);

export const ticketDetail = ticketSchema.extend({
  /** An agent answered last and the ticket is open: the customer is the one to reply. */
  awaitingReply: z.boolean(),
  timeline: z.array(timelineItem),
  hotrushDisablesLeft: z.number(),
  expectedAnswerBy: z
    .string()
    .nullable()
    .describe('S-6: when our answer is due (the SLA due, in business time); null while nothing is due from us.'),
});
export const staffTicketDetail = staffTicketSchema.extend({
  timeline: z.array(timelineItem),
  timeSpent: z
    .object({
      totalMinutes: z.number().int(),
      perMessage: z.array(z.object({ id: z.string().describe('The timeline message id.'), minutes: z.number().int() })),
    })
    .describe('T-16: the minutes agents recorded on their answers.'),
});
/** The communication index: each ticket also says whether it waits for the customer's reply. */
export const ticketPage = z.object({
  items: z.array(ticketSchema.extend({ awaitingReply: z.boolean() })),
  nextCursor: z.string().nullable(),
});
/** GET /tickets/counts: the numbers of the list's views (and of the home page). */
export const ticketCounts = z.object({ open: z.number().int(), awaiting: z.number().int(), solved: z.number().int() });
export const staffTicketPage = z.object({ items: z.array(staffTicketSchema), nextCursor: z.string().nullable() });
export const postedSchema = z.object({ ticket: ticketSchema, messageId: z.string() });

const weeklyHours = z.object({ weekday: z.number().int().min(1).max(7), start: z.string(), end: z.string() });

export const optionsSchema = z.object({
  types: z.array(
    z.object({ key: z.string(), name: z.string(), needsLicense: z.boolean(), hotrushAllowed: z.boolean() }),
  ),
  priorities: z.array(z.enum(priorities)),
  maxFileBytes: z.number(),
  maxFiles: z.number(),
  supportHours: z
    .object({
      timeZone: z.string().describe("The support desk's time zone (S-5)."),
      hours: z.array(weeklyHours).describe('The openings of a week on the desk’s clock, Monday first.'),
      viewerTimeZone: z.string().nullable(),
      inViewerZone: z
        .array(weeklyHours)
        .nullable()
        .describe('The same openings on the clock of `timeZone` from the query, this week (DST applied).'),
    })
    .describe('S-5: the support hours, to show next to HotRush.'),
});

export const optionsQuery = z.strictObject({
  timeZone: z.string().max(64).optional().describe("The viewer's IANA time zone, for the support hours."),
});

export const cannedSchema = z.object({
  id: z.string(),
  department: z.string().nullable(),
  title: z.string(),
  body: z.string(),
});
export const cannedBody = z.strictObject({
  department: z.string().max(40).nullable().optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
});

export const moveParams = z.strictObject({ number: z.string().max(20), code: z.string().max(20) });
export const moveBody = z.strictObject({
  title: z.string().trim().min(1, 'Give the new ticket a brief description.').max(200),
});
export const mergeBody = z.strictObject({
  into: z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'A ticket number.')]).transform(String),
});

export const staffQueueItem = staffTicketSchema.extend({
  waitingOn: z
    .enum(['customer', 'staff'])
    .nullable()
    .describe('customer: an agent wrote last; staff: the customer did.'),
  waitingSince: z.string().nullable().describe('Since when that side has been waiting (its first unanswered message).'),
});
export const staffQueuePage = z.object({
  items: z.array(staffQueueItem),
  nextCursor: z.string().nullable(),
  departments: z.array(z.object({ key: z.string(), name: z.string() })),
  counts: viewCountsSchema.describe('The count of every view in the chosen department (or all); filters do not apply.'),
});

export const bulkBody = z.strictObject({
  numbers: z
    .array(z.number('A ticket number.').int('A ticket number.').positive('A ticket number.'), 'Choose the tickets.')
    .min(1, 'Choose at least one ticket.')
    .max(100, 'At most 100 tickets at once.'),
  assignee: z
    .union([z.literal('me'), z.uuid('Choose a staff user.')])
    .nullable()
    .optional()
    .describe("A staff user's id, 'me', or null to unassign; absent: the owner is kept."),
  status: z.enum(statuses, 'Not a ticket status.').optional(),
});
export const bulkResultSchema = z.object({
  items: z.array(
    z.object({
      number: z.number(),
      ok: z.boolean(),
      ticket: staffTicketSchema.optional(),
      code: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});

const oldestSchema = z.object({ number: z.number(), title: z.string(), waitingSince: z.string() }).nullable();
export const overviewQuery = z.strictObject({
  tz: timeZoneName.optional().describe("The viewer's IANA time zone for the days and weeks (default UTC)."),
});
export const overviewSchema = z.object({
  timeZone: z.string(),
  departments: z.array(
    z.object({ key: z.string(), name: z.string(), counts: viewCountsSchema, oldestWaiting: oldestSchema }),
  ),
  totals: viewCountsSchema,
  oldestWaiting: oldestSchema,
  perDay: z.array(z.object({ day: z.string(), created: z.number(), solved: z.number() })),
  csat: z.array(
    z.object({
      week: z.string(),
      rated: z.number(),
      average: z.number().nullable(),
      goodShare: z.number().nullable().describe('% of ratings 4 or 5.'),
    }),
  ),
  heldInboundMail: z.number(),
  heldInboundMailCapped: z.boolean(),
});
