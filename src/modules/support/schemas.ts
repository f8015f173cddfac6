import { z } from 'zod';
import { cursorParam } from '../../core/pagination.js';

const planKind = z.enum(['credit', 'period', 'vip']);
const weeklyHours = z.object({ weekday: z.number().int().min(1).max(7), start: z.string(), end: z.string() });
const iso = z.string().describe('An ISO 8601 instant.');

/** S-1: a license with the plan in force for it now. */
export const licensePlanSchema = z.object({
  key: z.string(),
  product: z.string(),
  state: z.string().describe('The license state (L-3).'),
  plan: planKind.describe('The plan in force now: VIP care, a free period, else credits (S-1).'),
  hasPlan: z
    .boolean()
    .describe('False for a license issued before support plans: credit-based with no credits of its own.'),
  periodEndsAt: iso.nullable(),
  vipUntil: iso.nullable(),
  until: iso.nullable().describe('When the plan in force ends (VIP until, period end); null for credits.'),
  daysLeft: z.number().int().nullable().describe('Whole days until `until`, rounded up.'),
});

export const creditEntrySchema = z.object({
  id: z.string(),
  at: iso,
  kind: z.enum(['granted', 'purchased', 'charged', 'refunded', 'adjusted']),
  amount: z.number().int().describe('Signed: + credits in, − credits out.'),
  balanceAfter: z.number().int(),
  ticket: z.object({ number: z.string() }).nullable(),
  reason: z.string(),
  who: z.string(),
});
export const creditPage = z.object({ items: z.array(creditEntrySchema), nextCursor: z.string().nullable() });

const hint = z.object({ message: z.string(), href: z.string(), linkLabel: z.string() });

export const supportHoursSchema = z.object({
  timeZone: z.string().describe("The support desk's time zone (S-5)."),
  hours: z.array(weeklyHours).describe('The openings of a week on the desk’s clock, Monday first.'),
  viewerTimeZone: z.string().nullable(),
  inViewerZone: z.array(weeklyHours).nullable().describe('The same openings on the viewer’s clock, this week.'),
  holidays: z.array(z.string()).describe('Local dates YYYY-MM-DD of the desk with no support.'),
  cities: z
    .array(z.object({ city: z.string(), timeZone: z.string(), hours: z.array(weeklyHours) }))
    .describe('The hours on the clocks of a few cities, as the terms’ table shows them.'),
});

export const overviewSchema = z.object({
  balance: z.number().int().describe('The company’s support credits (S-2).'),
  lowBalance: z.boolean(),
  buyCredits: hint.nullable().describe('How to get more credits, when the balance is low.'),
  licenses: z.array(licensePlanSchema),
  coverage: z.array(
    z.object({ plan: planKind, title: z.string(), covers: z.array(z.string()), creditBased: z.array(z.string()) }),
  ),
  supportHours: supportHoursSchema,
});

export const overviewQuery = z.strictObject({
  timeZone: z.string().max(64).optional().describe("The viewer's IANA time zone, for the support hours."),
});
export const creditsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam.optional(),
});

// ---- staff ----
export const companyParams = z.strictObject({ id: z.uuid('Not a valid id.') });
export const keyParams = z.strictObject({ key: z.string().max(64) });
export const productParams = z.strictObject({ productId: z.uuid('Not a valid id.') });

export const staffCompanySupport = z.object({
  companyId: z.string(),
  balance: z.number().int(),
  licenses: z.array(licensePlanSchema),
  credits: creditPage,
});

export const maxCredits = 100_000;
export const postCreditsBody = z.strictObject({
  kind: z.enum(['grant', 'adjust']).describe('grant: credits given (positive); adjust: a correction of either sign.'),
  credits: z
    .number({ message: 'Enter a whole number of credits.' })
    .int('Enter a whole number of credits.')
    .min(-maxCredits, `At most ${maxCredits} credits at once.`)
    .max(maxCredits, `At most ${maxCredits} credits at once.`),
  reason: z.string().trim().min(1, 'Say why.').max(500, 'At most 500 characters.'),
});
export const postedCredits = z.object({ entry: creditEntrySchema, balance: z.number().int() });

const instant = z.iso
  .datetime({ offset: true, message: 'An ISO date and time, like 2027-01-31T00:00:00Z.' })
  .nullable()
  .optional();
export const setLicenseSupportBody = z.strictObject({
  grant: z
    .literal(true)
    .optional()
    .describe('Give a license issued before support plans the plan of its product (its credits, period or VIP care).'),
  periodEndsAt: instant.describe('The end of the free period (S-3); null removes it.'),
  vipUntil: instant.describe('The end of VIP care (S-4); null removes it.'),
});

export const settingsDefaults = z.strictObject({
  firstLicenseCredits: z
    .number()
    .int('A whole number.')
    .min(0, 'At least 0.')
    .max(maxCredits, `At most ${maxCredits}.`),
  additionalLicenseCredits: z
    .number()
    .int('A whole number.')
    .min(0, 'At least 0.')
    .max(maxCredits, `At most ${maxCredits}.`),
  additionalStorefrontCredits: z
    .number()
    .int('A whole number.')
    .min(0, 'At least 0.')
    .max(maxCredits, `At most ${maxCredits}.`),
  vipDays: z.number().int('A whole number.').min(1, 'At least 1 day.').max(3660, 'At most 3660 days.'),
  vipModificationsPerMonth: z.number().int('A whole number.').min(0, 'At least 0.').max(1000, 'At most 1000.'),
});

export const productTermsSchema = z.object({
  productId: z.string(),
  name: z.string(),
  brand: z.string(),
  kind: z.enum(['main', 'module', 'free']),
  plan: planKind,
  periodDays: z.number().int().nullable(),
  storefront: z.boolean(),
  configured: z.boolean().describe('False: no terms stored, the product comes with credits.'),
});
export const settingsSchema = z.object({ defaults: settingsDefaults, products: z.array(productTermsSchema) });

export const productTermsBody = z.strictObject({
  plan: planKind,
  periodDays: z
    .number()
    .int('A whole number of days.')
    .min(1, 'At least 1 day.')
    .max(3660, 'At most 3660 days.')
    .nullable(),
  storefront: z.boolean(),
});

const clock = z.string().regex(/^\d{2}:\d{2}$/, 'A time HH:MM.');
export const calendarBody = z.strictObject({
  timeZone: z.string().min(1, 'Choose a time zone.').max(64),
  hours: z
    .strictObject({
      1: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      2: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      3: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      4: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      5: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      6: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
      7: z
        .array(z.tuple([clock, clock]))
        .max(12)
        .optional(),
    })
    .describe('Working hours per ISO weekday (1 = Monday): [start, end) as HH:MM, several a day allowed.'),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date YYYY-MM-DD.')).max(400),
});
export const calendarSchema = z.object({
  settings: calendarBody,
  supportHours: supportHoursSchema,
  updatedAt: iso,
});
