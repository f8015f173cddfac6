import { z } from 'zod';
import { pageQuery } from '../../core/pagination.js';
import { emailAddress } from '../../core/email.js';

/** L-2: the statuses a holder can give a license for their own bookkeeping (they change nothing). */
export const holderStatuses = ['In use', 'In development', 'Test', 'Not used', 'Reserved'] as const;

export const keyParams = z.strictObject({ key: z.string().max(64) });
export const idParams = z.strictObject({ id: z.uuid('Not a valid id.') });

export const licenseStates = ['pending', 'not_accepted', 'active', 'revoked', 'transferred'] as const;

export const listQuery = z.strictObject({
  url: z.string().trim().max(200).optional(),
  brand: z.uuid('Not a valid brand id.').optional(),
  status: z.string().trim().max(40).optional(),
  state: z.enum(licenseStates).optional(),
  needs: z
    .enum(['action'])
    .optional()
    .describe('action: the licenses waiting for the primary: agreement, renewal fee, an open transfer.'),
  ...pageQuery,
});

const productOnLicense = z.object({
  productId: z.string(),
  name: z.string(),
  kind: z.enum(['main', 'module', 'free']),
  version: z.string(),
});

export const licenseSchema = z.object({
  key: z.string(),
  brand: z.object({ id: z.string(), name: z.string() }),
  productId: z.string(),
  url: z.string(),
  state: z.enum(licenseStates),
  holderStatus: z.string(),
  holderVersion: z.string(),
  products: z.array(productOnLicense),
  subscriptions: z.array(z.object({ id: z.string(), name: z.string(), expiresAt: z.string(), expired: z.boolean() })),
  registeredAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** L-5: what the next change of domain costs: free (before registration), free-once, or fee. */
  nextDomainChange: z.enum(['free', 'free-once', 'fee']),
  pendingUrlChange: z.object({ id: z.string(), toUrl: z.string(), requestedAt: z.string() }).nullable(),
  openTransfer: z.object({ id: z.string(), toEmail: z.string(), requestedAt: z.string() }).nullable(),
  /** L-2 "Add more to this license": the shop's page of add-ons for this license. */
  addMoreUrl: z.string().nullable(),
  transferredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type LicenseDto = z.infer<typeof licenseSchema>;

export const licensePage = z.object({
  items: z.array(licenseSchema),
  nextCursor: z.string().nullable(),
  holderStatuses: z.array(z.string()),
});

export const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  actorKind: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const updateLicenseBody = z.strictObject({
  holderStatus: z
    .union([z.enum(holderStatuses, `Choose one of: ${holderStatuses.join(', ')}.`), z.literal('')])
    .optional(),
  holderVersion: z.string().trim().max(40).optional(),
});

export const acceptBody = z.strictObject({ agree: z.literal(true, 'Tick "I accept the license agreement".') });

export const changeUrlBody = z.strictObject({
  url: z.string().trim().min(1, 'Enter the new address.').max(2000),
  /** L-5: required for a change of domain. */
  acknowledgeRemoval: z.boolean().optional(),
});

export const urlChangeResult = z.object({
  change: z.enum(['first', 'same', 'folder', 'subdomain', 'domain']),
  state: z.enum(['applied', 'fee_due', 'unchanged']),
  fee: z.boolean(),
  license: licenseSchema,
});

const email = emailAddress().transform((e) => e.toLowerCase());

export const transferBody = z.discriminatedUnion(
  'to',
  [
    z.strictObject({ to: z.literal('existing'), email }),
    z.strictObject({
      to: z.literal('new'),
      company: z.strictObject({
        name: z.string().trim().min(1, 'Enter the company name.').max(200),
        address: z.string().trim().max(500).optional(),
        phone: z.string().trim().max(50).optional(),
      }),
      account: z.strictObject({
        name: z.string().trim().min(1, 'Enter the name of the new holder.').max(200),
        email,
        phone: z.string().trim().max(50).optional(),
      }),
    }),
  ],
  'Choose "existing" or "new" in "to".',
);

export const transferSchema = z.object({
  id: z.string(),
  licenseKey: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  toEmail: z.string(),
  newCustomer: z.boolean(),
  fromCompany: z.string(),
  toCompany: z.string().nullable(),
  state: z.enum(['requested', 'completed', 'declined', 'cancelled']),
  requestedAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const moduleTransferBody = z.strictObject({
  productId: z.uuid('Choose the module to transfer.'),
  targetKey: z.string().trim().min(1, 'Choose the license to move the module to.').max(64),
});

export const releaseSchema = z.object({
  id: z.string(),
  version: z.string(),
  branch: z.string(),
  releasedOn: z.string(),
  notes: z.string(),
  latest: z.boolean(),
  obsolete: z.boolean(),
  outOfGuarantee: z.boolean(),
});

export const productReleases = z.object({
  productId: z.string(),
  name: z.string(),
  kind: z.string(),
  releases: z.array(releaseSchema),
});

// ---- license check (L-10) --------------------------------------------------------------
export const validateBody = z.strictObject({
  key: z.string().trim().max(64),
  url: z.string().trim().max(2000).optional(),
});

export const validateResult = z.object({
  valid: z.boolean(),
  reason: z.enum([
    'ok',
    'unknown',
    'malformed-key',
    'pending',
    'not-accepted',
    'url-mismatch',
    'revoked',
    'expired-subscription',
  ]),
  products: z.array(z.object({ product: z.string(), version: z.string() })),
  expiresAt: z.string().nullable(),
});

export const licenseFileBody = validateBody;

// ---- staff ------------------------------------------------------------------------------
export const staffListQuery = z.strictObject({
  companyId: z.uuid('Not a valid company id.').optional(),
  key: z.string().trim().max(64).optional(),
  feeDue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const staffLicenseSchema = licenseSchema.extend({ company: z.object({ id: z.string(), name: z.string() }) });

const versionText = z.string().trim().max(40);

export const issueBody = z.strictObject({
  companyId: z.uuid('Choose a company.'),
  productId: z.uuid('Choose a product.'),
  version: versionText.optional(),
  url: z.string().trim().max(2000).optional(),
  state: z.enum(['pending', 'not_accepted']).default('pending'),
  modules: z
    .array(z.strictObject({ productId: z.uuid('Choose a module.'), version: versionText.optional() }))
    .max(100)
    .optional(),
});

export const stateActionParams = z.strictObject({ key: z.string().max(64), action: z.enum(['verify', 'revoke']) });

export const addModuleBody = z.strictObject({ productId: z.uuid('Choose a module.'), version: versionText.optional() });
export const addSubscriptionBody = z.strictObject({
  name: z.string().trim().min(1, 'Name the subscription.').max(200),
  expiresAt: z.iso.datetime({ offset: true, message: 'An ISO date and time, like 2027-01-31T00:00:00Z.' }),
  // A subscription that has already ended is recorded only when staff say so (history, corrections).
  allowExpired: z.boolean().optional(),
});

const date = z.iso.date('A date like 2026-03-02.');
export const releaseBody = z.strictObject({
  version: z.string().trim().min(1, 'Enter the version.').max(40),
  branch: z.string().trim().min(1, 'Enter the branch.').max(40),
  releasedOn: date,
  notes: z.string().max(5000).optional(),
});
export const releaseUpdateBody = releaseBody.partial();

export const catalogueSchema = z.object({
  brands: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      products: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          parentId: z.string().nullable(),
          releases: z.number(),
        }),
      ),
    }),
  ),
});
