import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';

/** The one channel every app server LISTENs on. */
export const chatChannel = 'clientele_chat';

/**
 * S-4: what happened to a chat, as ids only (a NOTIFY payload is short and public to the database's
 * users): the receiver reads the rows. `resync`: this process's listener was away (the database
 * restarted); clients fetch what they may have missed.
 */
export type ChatEvent =
  | { kind: 'message'; sessionId: string; seq: number }
  | { kind: 'started' | 'taken' | 'ended' | 'ticket'; sessionId: string }
  | { kind: 'resync' };

/**
 * Announces events inside the transaction that wrote them: on PostgreSQL NOTIFY is delivered at
 * commit and never for a rolled-back change. (On the embedded database the same statement runs and
 * nobody listens; ChatBus.committed delivers there.)
 */
export async function announce(trx: DbOrTrx, events: ChatEvent[]): Promise<void> {
  for (const e of events) await sql`SELECT pg_notify(${chatChannel}, ${JSON.stringify(e)})`.execute(trx);
}

/** The events of chats as this process hears them, whichever server wrote them. */
export interface ChatBus {
  /** Call after the commit of the transaction that announced `events` (the embedded database delivers here). */
  committed(events: ChatEvent[]): void;
  /** Listens until the returned function is called; the promise settles once the listener is ready. */
  subscribe(listener: (e: ChatEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** PostgreSQL: LISTEN/NOTIFY across servers; the embedded database: one process, an emitter. */
export function createChatBus(ctx: AppContext): ChatBus {
  return ctx.config.databaseUrl ? new PgChatBus(ctx, ctx.config.databaseUrl) : embeddedBus(ctx);
}

// One emitter per embedded database, so that every app built on it in this process hears its chats.
const emitters = new WeakMap<object, EventEmitter>();

function embeddedBus(ctx: AppContext): ChatBus {
  let emitter = emitters.get(ctx.db);
  if (!emitter) {
    emitter = new EventEmitter().setMaxListeners(0);
    emitters.set(ctx.db, emitter);
  }
  const ee = emitter;
  const mine = new Set<(e: ChatEvent) => void>();
  return {
    committed: (events) => {
      for (const e of events) ee.emit('event', e);
    },
    subscribe: async (listener) => {
      mine.add(listener);
      ee.on('event', listener);
      return () => {
        mine.delete(listener);
        ee.off('event', listener);
      };
    },
    close: async () => {
      for (const l of mine) ee.off('event', l);
      mine.clear();
    },
  };
}

const retryMs = [250, 500, 1000, 2000, 5000];

/**
 * A dedicated connection per process that LISTENs on the chat channel (not one of the pool's: a
 * pooled client is handed to queries and its LISTEN lost). Opened with the first subscriber. When the
 * connection ends (the database restarted or went away) it is opened again, with a growing pause, and
 * the subscribers get `resync`: a NOTIFY sent while nobody listened is lost, so clients fetch.
 */
class PgChatBus implements ChatBus {
  private readonly listeners = new Set<(e: ChatEvent) => void>();
  private client: pg.Client | null = null;
  private ready: Promise<void> | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private readonly log: Logger;
  private url: Promise<string> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly baseUrl: string,
  ) {
    this.log = ctx.log;
  }

  /**
   * The server of DATABASE_URL and the database the app's pool is on (NOTIFY reaches the listeners
   * of one database; a test worker's pool is on a database of its own).
   */
  private listenUrl(): Promise<string> {
    this.url ??= sql<{ name: string }>`SELECT current_database() AS name`.execute(this.ctx.db).then((r) => {
      const url = new URL(this.baseUrl);
      url.pathname = `/${encodeURIComponent(r.rows[0]?.name ?? '')}`;
      return url.toString();
    });
    this.url.catch(() => {
      this.url = null;
    });
    return this.url;
  }

  committed(): void {
    /* PostgreSQL has delivered them through NOTIFY */
  }

  async subscribe(listener: (e: ChatEvent) => void): Promise<() => void> {
    this.listeners.add(listener);
    this.ready ??= this.connect();
    await this.ready.catch(() => {
      /* the database is away: the listener retries and sends resync once back */
    });
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async connect(): Promise<void> {
    let url: string;
    try {
      url = await this.listenUrl();
    } catch (err) {
      this.retry();
      throw err;
    }
    if (this.closed) return;
    const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      this.retry();
    };
    // An 'error' nobody listens to would end the process (the PG-restart fault step checks it lives).
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== chatChannel || !n.payload) return;
      let e: ChatEvent;
      try {
        e = JSON.parse(n.payload) as ChatEvent;
      } catch {
        return;
      }
      this.deliver(e);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${chatChannel}`);
    } catch (err) {
      lost();
      throw err;
    }
    if (this.closed) return void (await client.end().catch(() => {}));
    if (this.attempt > 0) this.deliver({ kind: 'resync' });
    this.attempt = 0;
  }

  private retry() {
    if (this.closed || this.timer) return;
    const wait = retryMs[Math.min(this.attempt, retryMs.length - 1)] as number;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      this.log.debug({ attempt: this.attempt }, 'chat listener reconnecting');
      this.ready = this.connect();
      this.ready.catch(() => {});
    }, wait);
    this.timer.unref();
  }

  private deliver(e: ChatEvent) {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.warn({ err }, 'chat listener failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
    }
  }
}
