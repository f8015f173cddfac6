import { randomUUID } from 'node:crypto';

export type WriteKind = 'ticket' | 'customer-reply' | 'staff-reply';

/** A write the server acknowledged (201): it must exist exactly once, whatever was killed meanwhile. */
export interface Ack {
  kind: WriteKind;
  /** Unique text in the title / body, to find every copy that was stored. */
  marker: string;
  key: string;
  /** The ticket's number (of the new ticket, or of the ticket replied to). */
  number: string;
  /** The message ID of the ticket's first message or of the reply (T-5). */
  code: string | null;
  attempts: number;
  replayed: boolean;
}

export interface LoadStats {
  requests: number;
  /** Operations that needed more than one request, and the extra requests they sent. */
  retriedOperations: number;
  retries: number;
  replays: number;
  /** Answers that were neither 201 nor retryable, or operations never answered. */
  errors: string[];
}

export interface LoadOptions {
  url: string;
  customerToken: string;
  staffToken: string;
  workers: number;
  run: string;
  /** Pause of each worker between two operations. */
  thinkMs: number;
  /** An operation still unanswered after this long is given up and reported. */
  giveUpMs: number;
}

export interface Load {
  acks: Ack[];
  stats: LoadStats;
  /** Lets each worker finish its operation (retrying until answered), then resolves. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Title and bodies carry the marker; verify.ts finds the stored copies by them. */
export const texts = {
  title: (marker: string) => `Kill loop ${marker}`,
  ticketBody: (marker: string) => `First message of ${marker}`,
  reply: (kind: WriteKind, marker: string) => `${kind === 'staff-reply' ? 'Staff' : 'Customer'} reply ${marker}`,
};

/**
 * The client issue 19 describes: each write carries a fresh Idempotency-Key, and on a network
 * error, a timeout, a 5xx or a 429 the SAME request is sent again with the SAME key until it gets
 * an answer. Workers open tickets and post customer and staff replies to tickets already acknowledged.
 */
export function startLoad(o: LoadOptions): Load {
  const acks: Ack[] = [];
  const stats: LoadStats = { requests: 0, retriedOperations: 0, retries: 0, replays: 0, errors: [] };
  const tickets: string[] = [];
  let stopping = false;

  const send = async (path: string, token: string, body: unknown, what: string) => {
    const key = randomUUID();
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      stats.requests++;
      try {
        const res = await fetch(`${o.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text(); // a kill mid-answer fails here: the answer is lost, retry
        if (res.status < 500 && res.status !== 429) {
          if (attempt > 1) {
            stats.retriedOperations++;
            stats.retries += attempt - 1;
          }
          const replayed = res.headers.get('idempotent-replayed') === 'true';
          if (replayed) stats.replays++;
          if (res.status !== 201) {
            stats.errors.push(`${what}: ${res.status} after ${attempt} attempt(s): ${text.slice(0, 300)}`);
            return null;
          }
          return { key, attempts: attempt, replayed, json: JSON.parse(text) as Record<string, unknown> };
        }
      } catch {
        /* connection refused or reset, timeout, cut-off body: the answer is lost */
      }
      if (Date.now() - started > o.giveUpMs) {
        stats.errors.push(`${what}: no answer within ${o.giveUpMs / 1000} s (${attempt} attempts, key ${key})`);
        return null;
      }
      await sleep(Math.min(50 * attempt, 250));
    }
  };

  const worker = async (w: number) => {
    for (let n = 1; !stopping; n++) {
      const marker = `kl.${o.run}.w${w}.${n}`;
      const roll = Math.random();
      if (tickets.length < o.workers || roll < 0.35) {
        const r = await send(
          '/api/v1/tickets',
          o.customerToken,
          { type: 'generic', title: texts.title(marker), message: texts.ticketBody(marker) },
          `ticket ${marker}`,
        );
        if (r) {
          const number = String(r.json.number);
          tickets.push(number);
          acks.push({
            kind: 'ticket',
            marker,
            key: r.key,
            number,
            code: null,
            attempts: r.attempts,
            replayed: r.replayed,
          });
        }
      } else {
        const number = tickets[Math.floor(Math.random() * tickets.length)]!;
        const kind: WriteKind = roll < 0.675 ? 'customer-reply' : 'staff-reply';
        const path =
          kind === 'staff-reply' ? `/api/v1/staff/tickets/${number}/messages` : `/api/v1/tickets/${number}/messages`;
        const token = kind === 'staff-reply' ? o.staffToken : o.customerToken;
        const r = await send(path, token, { body: texts.reply(kind, marker) }, `${kind} ${marker} to #${number}`);
        if (r) {
          const code = String(r.json.messageId);
          acks.push({ kind, marker, key: r.key, number, code, attempts: r.attempts, replayed: r.replayed });
        }
      }
      if (o.thinkMs) await sleep(o.thinkMs * (0.5 + Math.random()));
    }
  };

  const running = Promise.all(Array.from({ length: o.workers }, (_, i) => worker(i + 1)));
  return {
    acks,
    stats,
    stop: async () => {
      stopping = true;
      await running;
    },
  };
}
