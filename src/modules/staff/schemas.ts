import { z } from 'zod';
import { asNewPassword } from '../../core/openapi.js';
import { pageQuery } from '../../core/pagination.js';
import { emailAddress } from '../../core/email.js';
import { timeZoneName } from '../../core/time-zone.js';

export const staffRole = z.enum(
  ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'],
  'Choose a staff role.',
);

export const staffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: staffRole,
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  timezone: z.string().nullable().describe("The staff user's own IANA time zone; null = automatic (the browser's)."),
});

/** What a staff user may change about themselves (their settings page). */
export const updateOwnSettingsBody = z.strictObject({ timezone: timeZoneName.nullable().optional() });

export const createStaffBody = z.strictObject({
  email: emailAddress().trim(),
  name: z.string().trim().min(1, 'Enter the name.').max(200),
  role: staffRole,
  password: asNewPassword(z.string().min(1).max(256)),
});

export const updateStaffBody = z.strictObject({
  email: z.email('Enter a valid e-mail address.').max(254).trim().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: staffRole.optional(),
  disabled: z.boolean().optional(),
  password: asNewPassword(z.string().min(1).max(256)).optional(),
});

export const idParams = z.strictObject({ id: z.uuid('Not a valid id.') });

export const companiesQuery = z.strictObject({ q: z.string().trim().max(200).optional(), ...pageQuery });
export const auditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  ...pageQuery,
});
export const mailboxQuery = z.strictObject({ to: z.string().trim().max(254).optional(), ...pageQuery });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  companyId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string(),
});

export const mailSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  transport: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export const mailSchema = mailSummarySchema.extend({
  messageId: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
