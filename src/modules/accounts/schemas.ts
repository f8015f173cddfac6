import { z } from 'zod';
import { asNewPassword } from '../../core/openapi.js';
import { emailAddress } from '../../core/email.js';
import { timeZoneName } from '../../core/time-zone.js';

const text = (max: number) => z.string().trim().max(max);
const timezone = timeZoneName;

export const profileSchema = z.object({
  id: z.string(),
  companyId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['primary', 'advanced', 'secondary']),
  phone: z.string(),
  jobTitle: z.string(),
  timezone: z.string().nullable().describe("The IANA time zone the person chose; null = automatic (the browser's)."),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  notifyTickets: z.boolean(),
  newsSecurity: z.boolean(),
  newsProduct: z.boolean(),
  hasAvatar: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type ProfileDto = z.infer<typeof profileSchema>;

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  taxId: z.string(),
  billingEmail: z.string(),
  createdAt: z.string(),
  preSales: z.boolean(),
});
export type CompanyDto = z.infer<typeof companySchema>;

export const secondaryRole = z.enum(['advanced', 'secondary'], 'Choose "advanced" or "secondary".');

export const createProfileBody = z.strictObject({
  email: emailAddress().trim(),
  name: text(200).min(1, 'Enter the name.'),
  role: secondaryRole,
  phone: text(50).optional(),
  jobTitle: text(100).optional(),
  password: asNewPassword(z.string().min(1).max(256)).optional(),
});

export const updateProfileBody = z.strictObject({
  name: text(200).min(1, 'Enter the name.').optional(),
  phone: text(50).optional(),
  jobTitle: text(100).optional(),
  timezone: timezone.nullable().optional(),
  notifyTickets: z.boolean().optional(),
  newsSecurity: z.boolean().optional(),
  newsProduct: z.boolean().optional(),
  role: secondaryRole.optional(),
});

export const reRegisterBody = z.strictObject({
  email: emailAddress().trim(),
  name: text(200).min(1, 'Enter the name.'),
  phone: text(50).optional(),
  jobTitle: text(100).optional(),
  password: asNewPassword(z.string().min(1).max(256)).optional(),
});

export const updateCompanyBody = z.strictObject({
  name: text(200).min(1, 'Enter the company name.').optional(),
  address: text(1000).optional(),
  phone: text(50).optional(),
  taxId: text(50).optional(),
  billingEmail: z.union([z.literal(''), emailAddress()]).optional(),
});

export const profileIdParams = z.strictObject({ id: z.uuid('Not a valid profile id.') });
