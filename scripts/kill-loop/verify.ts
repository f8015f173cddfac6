import type { Db } from '../../src/core/db/index.js';
import { type Ack, texts } from './load.js';

/**
 * How a mail may reach the sink twice and still pass: its first copy was accepted at most this long
 * before a kill (the process died between the SMTP server's 250 and the update that marks the row
 * sent; the next process sends it again once the claim lapses).
 */
export const duplicateBeforeKillMs = 5_000;
/** And at most this many such mails per kill: the SMTP pool's connections (sends in flight at once). */
export const duplicatesPerKill = 5;

export interface Verdict {
  violations: string[];
  figures: {
    storedTickets: number;
    storedReplies: number;
    duplicateTickets: number;
    duplicateReplies: number;
    outbox: number;
    sinkCopies: number;
    sinkDuplicates: number;
    /** Kills that came within a second of the sink accepting a mail: how often the loop hit delivery. */
    killsDuringDelivery: number;
  };
}

const mailPrefix = (number: string, code: string, nonce: 'm' | 's') => `t${number}.${code}.${nonce}.`;

/**
 * Reads back what the acknowledged writes left in the database and what the SMTP sink received:
 * every acknowledged ticket exactly once with its first message, its creation event and its mail;
 * every acknowledged reply exactly once with its mails; nothing left in the outbox; each outbox
 * mail received, and received twice only when a kill explains it.
 */
export async function verify(
  db: Db,
  run: string,
  acks: Ack[],
  received: Map<string, number[]>,
  kills: number[],
): Promise<Verdict> {
  const v: string[] = [];
  const like = `%kl.${run}.%`;
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title'])
    .where('title', 'like', like)
    .orderBy('number')
    .execute();
  const ticketIds = tickets.map((t) => t.id);
  const messages = ticketIds.length
    ? await db
        .selectFrom('ticket_messages')
        .select(['ticket_id', 'seq', 'message_code', 'body', 'author_kind'])
        .where('ticket_id', 'in', ticketIds)
        .orderBy('seq')
        .execute()
    : [];
  const created = ticketIds.length
    ? await db
        .selectFrom('ticket_events')
        .select(['ticket_id'])
        .where('ticket_id', 'in', ticketIds)
        .where('kind', '=', 'created')
        .execute()
    : [];
  const outbox = await db
    .selectFrom('mail_outbox')
    .select(['message_id', 'status', 'attempts', 'last_error'])
    .execute();

  const numberOf = new Map(tickets.map((t) => [t.id, String(t.number)]));
  const byTitle = group(tickets, (t) => t.title);
  const byBody = group(messages, (m) => m.body);
  const messagesOf = group(messages, (m) => m.ticket_id);
  const createdOf = group(created, (e) => e.ticket_id);
  const mailIds = outbox.map((m) => m.message_id);
  const mailsLike = (prefix: string) => mailIds.filter((id) => id.startsWith(prefix)).length;
  const ackedMarkers = new Set(acks.map((a) => a.marker));
  let duplicateTickets = 0;
  let duplicateReplies = 0;
  let expectedMails = 0;

  for (const a of acks.filter((x) => x.kind === 'ticket')) {
    const copies = byTitle.get(texts.title(a.marker)) ?? [];
    if (copies.length !== 1) {
      if (copies.length > 1) duplicateTickets += copies.length - 1;
      v.push(
        `ticket ${a.marker} (acknowledged as #${a.number} after ${a.attempts} attempt(s)) is stored ${copies.length} times${copies.length ? `: #${copies.map((c) => c.number).join(', #')}` : ''}`,
      );
    }
    const t = copies.find((c) => String(c.number) === a.number);
    if (!t) {
      if (copies.length) v.push(`ticket ${a.marker}: the acknowledged number #${a.number} is not among its copies`);
      continue;
    }
    const first = messagesOf.get(t.id)?.[0];
    if (first?.body !== texts.ticketBody(a.marker)) v.push(`ticket #${a.number}: its first message is missing`);
    const events = createdOf.get(t.id)?.length ?? 0;
    if (events !== 1) v.push(`ticket #${a.number}: ${events} creation events`);
    if (first) {
      expectedMails++;
      const n = mailsLike(mailPrefix(a.number, first.message_code, 'm'));
      if (n !== 1) v.push(`ticket #${a.number}: ${n} mails of its creation in the outbox (1 expected)`);
    }
  }

  for (const a of acks.filter((x) => x.kind !== 'ticket')) {
    const copies = byBody.get(texts.reply(a.kind, a.marker)) ?? [];
    if (copies.length !== 1) {
      if (copies.length > 1) duplicateReplies += copies.length - 1;
      v.push(
        `${a.kind} ${a.marker} to #${a.number} (acknowledged as ${a.code} after ${a.attempts} attempt(s)) is stored ${copies.length} times${copies.length ? `: ${copies.map((c) => c.message_code).join(', ')}` : ''}`,
      );
    }
    const m = copies.find((c) => c.message_code === a.code);
    if (!m) {
      if (copies.length) v.push(`${a.kind} ${a.marker}: the acknowledged message ID ${a.code} is not among its copies`);
      continue;
    }
    if (numberOf.get(m.ticket_id) !== a.number) v.push(`${a.kind} ${a.code} is stored in another ticket`);
    // The customer is mailed about every reply; the assigned agent (assigned by the first staff
    // answer, the only assignment the load makes) about a customer's reply.
    const assigned = (messagesOf.get(m.ticket_id) ?? []).some(
      (x) => x.author_kind === 'staff' && Number(x.seq) < Number(m.seq),
    );
    const expected: [string, number][] = [[mailPrefix(a.number, m.message_code, 'm'), 1]];
    if (a.kind === 'customer-reply') expected.push([mailPrefix(a.number, m.message_code, 's'), assigned ? 1 : 0]);
    for (const [prefix, want] of expected) {
      expectedMails += want;
      const n = mailsLike(prefix);
      if (n !== want)
        v.push(`${a.kind} ${a.code} in #${a.number}: ${n} mails ${prefix}* in the outbox (${want} expected)`);
    }
  }

  for (const t of tickets) {
    const marker = t.title.replace(/^Kill loop /, '');
    if (!ackedMarkers.has(marker)) v.push(`ticket #${t.number} (${marker}) is stored but was never acknowledged`);
  }
  if (outbox.length !== expectedMails)
    v.push(`the outbox holds ${outbox.length} mails; the acknowledged writes account for ${expectedMails}`);

  const stuck = outbox.filter((m) => m.status !== 'sent');
  for (const m of stuck.slice(0, 20))
    v.push(
      `mail ${m.message_id} is ${m.status} after the drain (attempts ${m.attempts}; ${m.last_error ?? 'no error'}; ${received.has(m.message_id) ? 'the sink has it already: a send cut off by a kill' : 'not at the sink'})`,
    );
  if (stuck.length > 20) v.push(`… and ${stuck.length - 20} more mails not sent`);

  const inOutbox = new Set(mailIds);
  let sinkCopies = 0;
  let sinkDuplicates = 0;
  for (const [id, times] of received) {
    sinkCopies += times.length;
    if (!inOutbox.has(id)) v.push(`the sink received ${id}, which is not in the outbox`);
    if (times.length < 2) continue;
    sinkDuplicates++;
    const first = times[0]!;
    const explained = kills.filter((k) => k >= first && k - first <= duplicateBeforeKillMs).length;
    if (times.length - 1 > explained)
      v.push(
        `mail ${id} reached the sink ${times.length} times; only ${explained} kill(s) within ${duplicateBeforeKillMs / 1000} s after its first copy`,
      );
  }
  if (sinkDuplicates > kills.length * duplicatesPerKill)
    v.push(`${sinkDuplicates} mails reached the sink twice: more than ${duplicatesPerKill} per kill`);
  for (const m of outbox.filter((x) => x.status === 'sent' && !received.has(x.message_id)))
    v.push(`mail ${m.message_id} is marked sent but never reached the sink`);

  const receipts = [...received.values()].flat();
  const killsDuringDelivery = kills.filter((k) => receipts.some((r) => r <= k && k - r <= 1_000)).length;
  return {
    violations: v,
    figures: {
      storedTickets: tickets.length,
      storedReplies: messages.filter((m) => /^(Staff|Customer) reply /.test(m.body)).length,
      duplicateTickets,
      duplicateReplies,
      outbox: outbox.length,
      sinkCopies,
      sinkDuplicates,
      killsDuringDelivery,
    },
  };
}

function group<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}
