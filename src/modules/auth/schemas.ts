import { z } from 'zod';
import { asNewPassword } from '../../core/openapi.js';
import { emailAddress } from '../../core/email.js';

export const email = emailAddress().trim();
/** Passwords are checked against A-7 in the use case, where the person's e-mail and name are known. */
export const password = z.string().min(1, 'Enter a password.').max(256);
/** A password being set: the document states the configured minimum length. */
export const newPassword = asNewPassword(password);

export const loginBody = z.strictObject({ email: z.string().trim().min(1, 'Enter your e-mail.').max(254), password });
export const signupBody = z.strictObject({
  companyName: z.string().trim().min(1, 'Enter the company name.').max(200),
  name: z.string().trim().min(1, 'Enter your name.').max(200),
  email,
  password: newPassword,
});
/** sign-up answers with the address the confirmation link went to and when the link expires. */
export const signupDoneSchema = z.object({ email: z.string(), confirmationExpiresAt: z.string() });
export const confirmEmailBody = z.strictObject({ token: z.string().min(10).max(200) });
/** After confirming: the address, for the log-in form. */
export const emailConfirmedSchema = z.object({ ok: z.literal(true), email: z.string() });
export const resendConfirmationBody = z.strictObject({
  email: z.string().trim().min(1, 'Enter your e-mail.').max(254),
});
export const resetRequestBody = z.strictObject({ email: z.string().trim().min(1, 'Enter your e-mail.').max(254) });
export const resetConfirmBody = z.strictObject({ token: z.string().min(10).max(200), password: newPassword });
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword });
export const newTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'Name the token.').max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const idParams = z.strictObject({ id: z.uuid('Not a valid id.') });
export const sessionIdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Not a valid session id.') });

export const meSchema = z.object({
  kind: z.enum(['profile', 'staff']),
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  company: z.object({ id: z.string(), name: z.string() }).nullable(),
  timeZone: z
    .string()
    .nullable()
    .describe("The person's own IANA time zone setting; null = not set, show times in the browser's zone."),
  permissions: z.array(z.string()),
  sections: z.array(z.string()),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  ip: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const okSchema = z.object({ ok: z.literal(true) });
/** After a reset: which log-in page the person uses. */
export const resetDoneSchema = z.object({ ok: z.literal(true), kind: z.enum(['profile', 'staff']) });
