import { z } from 'zod';
import { protocols } from './tables.js';

export const numberParams = z.strictObject({ number: z.string().max(20) });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what}: at most ${max.toLocaleString('en')} characters.`)
    .default('');

/** T-18: what a customer posts (the whole set; a new post replaces the old one). */
export const accessInfoBody = z.strictObject({
  protocol: z.enum(protocols, 'Choose SSH, SFTP, FTP, FTPS, HTTPS admin panel or Other.'),
  host: z
    .string('Enter the host (a name, an address, or the admin panel URL).')
    .trim()
    .min(1, 'Enter the host (a name, an address, or the admin panel URL).')
    .max(255, 'At most 255 characters.')
    .regex(/^[^\s\p{Cc}]*$/u, 'A host has no spaces.'),
  port: z
    .number('A port is a whole number from 1 to 65535.')
    .int('A port is a whole number from 1 to 65535.')
    .min(1, 'A port is a whole number from 1 to 65535.')
    .max(65535, 'A port is a whole number from 1 to 65535.')
    .nullable()
    .default(null),
  username: optionalText(255, 'User'),
  password: optionalText(1024, 'Password'),
  privateKey: optionalText(16_384, 'Private key'),
  notes: optionalText(4000, 'Notes'),
});
export type AccessInfoBody = z.infer<typeof accessInfoBody>;

const erasedSchema = z
  .object({
    at: z.string(),
    by: z.string().describe('Who erased it; "Clientele" when the retention job did.'),
    reason: z.enum(['customer', 'retention']),
  })
  .nullable()
  .describe('The last erasure, while nothing new was posted.');

/** What the customer sees of their own access info: never a secret in full. */
export const customerAccessInfo = z.object({
  enabled: z.boolean().describe('False when the server has no key configured (CLIENTELE_ACCESS_INFO_KEY).'),
  canPost: z.boolean().describe('Posting is possible while the ticket is not Closed.'),
  retentionDays: z.number().int().describe('Days after the ticket closes until the access info is erased.'),
  accessInfo: z
    .object({
      protocol: z.enum(protocols),
      host: z.string(),
      port: z.number().int().nullable(),
      username: z.string(),
      password: z.object({ saved: z.boolean(), endsWith: z.string().nullable() }),
      privateKeySaved: z.boolean(),
      notesSaved: z.boolean(),
      postedAt: z.string(),
      postedBy: z.string(),
      eraseAfter: z.string().nullable().describe('When the retention job erases it (the ticket is closed).'),
    })
    .nullable(),
  unreadable: z
    .boolean()
    .describe('Stored access info failed its integrity check or its key is gone: erase it and post it again.'),
  erased: erasedSchema,
});

/** What staff see before revealing: that access info exists, and whether they may open it. */
export const staffAccessInfo = z.object({
  enabled: z.boolean(),
  held: z.object({ protocol: z.enum(protocols), postedAt: z.string(), postedBy: z.string() }).nullable(),
  mayReveal: z.boolean().describe('The ticket assignee and the head of its department may reveal it.'),
  erased: erasedSchema,
});

/** The decrypted record: only from the reveal route, to a ticket worker, and audited. */
export const revealedAccessInfo = z.object({
  protocol: z.enum(protocols),
  host: z.string(),
  port: z.number().int().nullable(),
  username: z.string(),
  password: z.string(),
  privateKey: z.string(),
  notes: z.string(),
  postedAt: z.string(),
  postedBy: z.string(),
});
