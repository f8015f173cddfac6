import { z } from 'zod';
import { pageQuery } from '../../core/pagination.js';

export const maxChatMessage = 4000;

export const sessionParams = z.strictObject({ id: z.uuid('Not a chat id.') });

export const messageBody = z.strictObject({
  body: z
    .string('Write a message.')
    .trim()
    .min(1, 'Write a message.')
    .max(maxChatMessage, `At most ${maxChatMessage.toLocaleString('en')} characters.`),
});

/** `{}` starts a chat without a first message. */
export const startBody = z.strictObject({
  message: messageBody.shape.body.optional().describe('The first message (optional).'),
});

export const afterQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(2_000_000_000).default(0).describe('The last seq the client has.'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const customerListQuery = z.strictObject(pageQuery);
export const staffListQuery = z.strictObject({ view: z.enum(['waiting', 'mine', 'ended']), ...pageQuery });

export const messageSchema = z.object({
  seq: z.number().int(),
  author: z.object({ kind: z.enum(['customer', 'agent']), name: z.string() }),
  body: z.string(),
  createdAt: z.string(),
});

export const messagesSchema = z.object({
  items: z.array(messageSchema),
  /** More messages follow the last one given: ask again with its seq. */
  hasMore: z.boolean(),
});

export const sessionSchema = z.object({
  id: z.uuid(),
  status: z.enum(['waiting', 'active', 'ended']),
  companyName: z.string(),
  customerName: z.string(),
  agentName: z.string().nullable(),
  startedAt: z.string(),
  takenAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedBy: z.enum(['customer', 'agent']).nullable(),
  lastSeq: z.number().int(),
  lastMessageAt: z.string(),
  /** The ticket this chat was turned into (S-4). */
  ticket: z.object({ number: z.number().int() }).nullable(),
});

export const sessionPageSchema = z.object({ items: z.array(sessionSchema), nextCursor: z.string().nullable() });

export const postedSchema = z.object({ session: sessionSchema, message: messageSchema });

export const availabilitySchema = z.object({
  vip: z.boolean().describe('The company has VIP support in force (S-4).'),
  open: z.boolean().describe('Support hours are open now (S-5).'),
  nextOpening: z.string().describe('The next instant support hours are open (now when open).'),
  /** The caller's chat that has not ended, if any. */
  current: sessionSchema.nullable(),
});

export const ticketResultSchema = z.object({ session: sessionSchema, ticket: z.object({ number: z.number().int() }) });

export type SessionOut = z.infer<typeof sessionSchema>;
export type MessageOut = z.infer<typeof messageSchema>;
