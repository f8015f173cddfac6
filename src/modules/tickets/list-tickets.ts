import { type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { Database } from '../../core/db/schema.js';
import type { Ticket } from './tables.js';
import { decodeCursor, encodeCursor } from '../../core/pagination.js';
import { normalizeMessageCode } from './message-code.js';
import { customerVisible } from './policy.js';
import { type CustomerView, whereCustomerView } from './customer-views.js';

export interface ListInput {
  q?: string;
  messageId?: string;
  hideClosed?: boolean;
  view?: CustomerView;
  limit: number;
  cursor?: string;
}

/**
 * T-14: the company's tickets, newest activity first (index company_id, last_activity_at, id),
 * keyset-paged. "Hide closed and rated" keeps Submitted, Assigned, In progress, Re-opened and
 * Pre-closed tickets and the Closed ones still waiting for a rating (T-13: an agent answered them). `q` searches titles and (non-internal) messages
 * with PostgreSQL full-text search (websearch syntax, GIN indexes); `messageId` finds the ticket of
 * a message ID (T-5).
 */
export async function listCompanyTickets(
  db: DbOrTrx,
  companyId: string,
  input: ListInput,
): Promise<{ rows: Ticket[]; nextCursor: string | null }> {
  let q = db.selectFrom('tickets').selectAll().where('company_id', '=', companyId).where('merged_into_id', 'is', null);
  // "Hide closed and rated": a Closed ticket stays only while it can still be rated and is not (T-13's
  // canRate in SQL): a license log, or a ticket closed before any agent answered, can never be rated.
  if (input.hideClosed)
    q = q.where((eb) =>
      eb.or([
        eb('status', '<>', 'closed'),
        eb.and([eb('rating', 'is', null), eb('type_key', '<>', 'license_log'), eb('first_answer_at', 'is not', null)]),
      ]),
    );
  if (input.view) q = whereCustomerView(q, input.view);
  if (input.messageId !== undefined) {
    const code = normalizeMessageCode(input.messageId);
    if (!code) return { rows: [], nextCursor: null };
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('ticket_messages')
        .select('ticket_id')
        .where('message_code', '=', code)
        .where('company_id', '=', companyId)
        .$call(customerVisible),
    );
  }
  if (input.q?.trim()) {
    q = whereText(q, input.q.trim(), (eb) =>
      eb.selectFrom('ticket_messages').select('ticket_id').where('company_id', '=', companyId).$call(customerVisible),
    );
  }
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, ['time', 'uuid']) as [string, string];
    q = q.where(sql<boolean>`(last_activity_at, id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor([last.last_activity_at.toISOString(), last.id]) : null };
}

/** Staff search across companies: a message ID, a ticket number, or full text (titles and all messages). */
export async function searchTickets(
  db: DbOrTrx,
  input: { q?: string; messageId?: string; companyId?: string; limit: number },
): Promise<Ticket[]> {
  let q = db.selectFrom('tickets').selectAll();
  if (input.companyId) q = q.where('company_id', '=', input.companyId);
  if (input.messageId !== undefined) {
    const code = normalizeMessageCode(input.messageId);
    if (!code) return [];
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('ticket_messages').select('ticket_id').where('message_code', '=', code),
    );
  }
  if (input.q?.trim()) {
    const text = input.q.trim().replace(/^#/, '');
    if (/^\d{1,15}$/.test(text)) q = q.where('number', '=', text);
    else q = whereText(q, text, (eb) => eb.selectFrom('ticket_messages').select('ticket_id'));
  }
  return q.orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
}

/**
 * T-14: splits a websearch query into what must match and the "-word" / -"a phrase" terms that must
 * not, so that an exclusion applies to the whole ticket (title and every message), not per message.
 */
export function splitExclusions(q: string): { positive: string; excluded: string[] } {
  const tokens = q.match(/-?"[^"]*"?|\S+/g) ?? [];
  const excluded = tokens.filter((t) => t.length > 1 && t.startsWith('-')).map((t) => t.slice(1));
  const positive = tokens.filter((t) => !(t.length > 1 && t.startsWith('-'))).join(' ');
  return { positive, excluded };
}

type TicketQuery = SelectQueryBuilder<Database, 'tickets', Ticket>;
type MessagesOf = (
  eb: ExpressionBuilder<Database, 'tickets'>,
) => SelectQueryBuilder<Database, 'ticket_messages', { ticket_id: string }>;

/**
 * T-14: full-text search (websearch syntax) over titles and the messages `messages` selects: a ticket
 * matches when its title or a message matches, and "-word" leaves out the ticket whose title or any
 * message has the word.
 */
function whereText(q: TicketQuery, text: string, messages: MessagesOf): TicketQuery {
  const { positive, excluded } = splitExclusions(text);
  const matching = (eb: ExpressionBuilder<Database, 'tickets'>, query: RawBuilder<unknown>) =>
    messages(eb).where(sql<boolean>`ticket_messages.search @@ ${query}`);
  if (positive) {
    const query = sql`websearch_to_tsquery('simple', ${positive})`;
    q = q.where((eb) => eb.or([sql<boolean>`tickets.search @@ ${query}`, eb('id', 'in', matching(eb, query))]));
  }
  for (const term of excluded) {
    const query = sql`websearch_to_tsquery('simple', ${term})`;
    q = q.where((eb) =>
      eb.and([eb.not(sql<boolean>`tickets.search @@ ${query}`), eb('id', 'not in', matching(eb, query))]),
    );
  }
  return q;
}
