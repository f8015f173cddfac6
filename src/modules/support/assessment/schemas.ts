import { z } from 'zod';
import { maxAgentPrice } from './cost.js';

export const ticketParams = z.strictObject({ number: z.string().max(20) });
export const assessmentParams = z.strictObject({ number: z.string().max(20), id: z.string().max(40) });

const version = z.string().trim().max(40, 'At most 40 characters.');

export const assessBody = z.strictObject({
  category: z.coerce
    .number('Choose a category.')
    .int('Choose a category from 1 to 5.')
    .min(1, 'Choose a category from 1 to 5.')
    .max(5, 'Choose a category from 1 to 5.'),
  credits: z.coerce
    .number('Enter the price in credits.')
    .int('Enter a whole number of credits.')
    .min(20, 'A code modification costs at least 20 credits.')
    .max(maxAgentPrice, `At most ${maxAgentPrice} credits.`)
    .optional()
    .describe('Category 3 (complex code modification): the price agreed with the customer, at least 20.'),
  fromVersion: version.optional().describe('Category 5 (upgrade): the version the store runs.'),
  toVersion: version.optional().describe('Category 5 (upgrade): the version it is upgraded to.'),
  note: z.string().trim().max(2000, 'At most 2,000 characters.').optional().describe('Shown to the customer.'),
});

export const quoteQuery = assessBody.omit({ note: true });

export const quoteSchema = z.object({
  category: z.number().int(),
  credits: z.number().int().describe('The price when the plan does not cover it.'),
  patchSteps: z.number().int().nullable(),
  countedFrom: z.enum(['releases', 'patch-numbers']).nullable(),
  coveredBy: z.enum(['vip-modification', 'vip-upgrade']).nullable(),
  allowanceUsedUp: z.boolean(),
  needsAgreement: z.boolean(),
});

const assessmentState = z.enum(['pending', 'charged', 'refunded', 'covered', 'declined', 'superseded']);

export const assessmentSchema = z.object({
  id: z.string(),
  category: z.number().int(),
  categoryName: z.string(),
  credits: z.number().int().describe('The ticket’s price under this assessment (0: covered by VIP care).'),
  charged: z.number().int().describe('What this assessment moved: positive charged, negative refunded.'),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  patchSteps: z.number().int().nullable(),
  note: z.string(),
  state: assessmentState,
  coveredBy: z.enum(['vip-modification', 'vip-upgrade']).nullable(),
  assessedBy: z.string(),
  assessedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const supportStateSchema = z.object({
  ticket: z.object({
    id: z.string(),
    number: z.string(),
    status: z.string(),
    productId: z.string().nullable(),
    version: z.string(),
  }),
  plan: z.object({
    kind: z.enum(['credit', 'period', 'vip']).describe('The plan the question was asked under (S-1, S-3).'),
    licenseId: z.string().nullable(),
    until: z.string().nullable(),
  }),
  balance: z.number().int(),
  preAgreeUpTo: z.number().int().nullable(),
  netCharged: z.number().int().describe('What the ticket has cost so far.'),
  agreementPending: z.boolean(),
  pending: assessmentSchema
    .extend({ due: z.number().int().describe('Credits charged on Agree (the difference to what was charged).') })
    .nullable(),
  shortBy: z.number().int().describe('Credits missing to agree to the pending assessment.'),
  buyCreditsHint: z.string().nullable(),
  assessments: z.array(assessmentSchema).describe('Newest first.'),
  charges: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['granted', 'purchased', 'charged', 'refunded', 'adjusted']),
      amount: z.number().int(),
      balanceAfter: z.number().int(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
  vip: z
    .object({
      month: z.string(),
      year: z.string(),
      modificationsUsed: z.number().int(),
      modificationsPerMonth: z.number().int(),
      upgradesUsed: z.number().int(),
      upgradesPerYear: z.number().int(),
    })
    .nullable()
    .describe('S-4: the allowances used this month and year (VIP tickets).'),
});

export const staffSupportStateSchema = supportStateSchema.extend({
  categories: z.array(
    z.object({
      category: z.number().int(),
      name: z.string(),
      credits: z.number().int(),
      needsAgreement: z.boolean(),
      agentPrice: z.boolean(),
      upgrade: z.boolean(),
    }),
  ),
  versions: z.array(z.object({ version: z.string(), latest: z.boolean() })).describe('The product’s releases.'),
});

export const assessmentSettingsSchema = z.object({ servicePackPattern: z.string() });
export const assessmentSettingsBody = z.strictObject({
  servicePackPattern: z
    .string('Enter a regular expression.')
    .trim()
    .min(1, 'Enter a regular expression.')
    .max(200, 'At most 200 characters.'),
});

export const ticketPlanQuery = z.strictObject({
  licenses: z.union([z.string().max(64), z.array(z.string().max(64)).max(50)]).optional(),
});
export const ticketPlanSchema = z.object({
  plan: z.enum(['credit', 'period', 'vip']),
  until: z.string().nullable(),
  maxPreAgreement: z.number().int(),
});
