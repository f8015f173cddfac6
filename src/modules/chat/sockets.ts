import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { authenticate, sessionCookieName } from '../auth/index.js';
import type { ChatBus, ChatEvent } from './bus.js';
import { presentMessage, presentSession } from './presenters.js';

/**
 * Who listens, and how to ask again whether they still may: the credential of the upgrade request
 * (session or token) re-checked before anything is pushed, so a socket does not outlive a log-out,
 * a password change, a revoked token or a disabled account.
 */
type Listener = ({ kind: 'staff' } | { kind: 'profile'; profileId: string }) & {
  stillAllowed: () => Promise<boolean>;
};

/** WebSocket close code for a credential that ended while the socket was open (4000–4999: the app's own). */
export const credentialEndedCode = 4401;

/**
 * S-4: the sockets of this app server. The socket only pushes (`ready`, then `message` / `started` /
 * `taken` / `ended` / `ticket` with the chat as the API shows it, or `resync`); sending is a POST.
 * Each event is read once per server (the session, and the message for `message`) and pushed to
 * every agent's socket and to the sockets of the customer whose chat it is.
 */
export class ChatSockets {
  private readonly staff = new Set<WebSocket>();
  private readonly customers = new Map<string, Set<WebSocket>>();
  private readonly listeners = new WeakMap<WebSocket, Listener>();
  private listening: Promise<() => void> | null = null;
  // Events are pushed in the order heard: each waits for the one before (its reads are two lookups).
  private queue: Promise<void> = Promise.resolve();
  // A socket that stays silent is closed by some proxies: a ping every 30 s keeps it open.
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly ctx: AppContext,
    private readonly bus: ChatBus,
  ) {
    this.pinger = setInterval(() => {
      for (const s of this.all()) if (s.readyState === s.OPEN) s.ping();
    }, 30_000);
    this.pinger.unref();
  }

  async attach(socket: WebSocket, who: Listener): Promise<void> {
    this.listeners.set(socket, who);
    if (who.kind === 'staff') this.staff.add(socket);
    else {
      const set = this.customers.get(who.profileId) ?? new Set<WebSocket>();
      set.add(socket);
      this.customers.set(who.profileId, set);
    }
    socket.on('close', () => {
      if (who.kind === 'staff') this.staff.delete(socket);
      else {
        const set = this.customers.get(who.profileId);
        set?.delete(socket);
        if (set && set.size === 0) this.customers.delete(who.profileId);
      }
    });
    // The client only listens: anything it sends is ignored.
    socket.on('message', () => {});
    this.listening ??= this.bus.subscribe((e) => {
      this.queue = this.queue.then(() => this.dispatch(e));
    });
    await this.listening;
    // Ready: from here on no event is missed; the client fetches what came before (GET …?after=seq).
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready' }));
  }

  private async dispatch(e: ChatEvent): Promise<void> {
    if (this.staff.size === 0 && this.customers.size === 0) return;
    if (e.kind === 'resync') {
      const text = JSON.stringify({ type: 'resync' });
      for (const s of this.all()) send(s, text);
      return;
    }
    try {
      const session = await this.ctx.db
        .selectFrom('chat_sessions')
        .selectAll()
        .where('id', '=', e.sessionId)
        .executeTakeFirst();
      if (!session) return;
      const message =
        e.kind === 'message'
          ? await this.ctx.db
              .selectFrom('chat_messages')
              .selectAll()
              .where('session_id', '=', e.sessionId)
              .where('seq', '=', e.seq)
              .executeTakeFirst()
          : undefined;
      const text = JSON.stringify({
        type: e.kind,
        session: presentSession(session),
        ...(message ? { message: presentMessage(message) } : {}),
      });
      const targets = [...this.staff, ...(this.customers.get(session.profile_id) ?? [])];
      await Promise.all(targets.map((s) => this.pushIfAllowed(s, text)));
    } catch (err) {
      // The database is away: the listener reconnects and sends resync.
      this.ctx.log.debug({ err }, 'chat event not pushed');
    }
  }

  /** Pushes to a socket whose credential still holds; closes one whose credential ended. */
  private async pushIfAllowed(socket: WebSocket, text: string): Promise<void> {
    if (socket.readyState !== socket.OPEN) return;
    const who = this.listeners.get(socket);
    if (!who || !(await who.stillAllowed())) {
      socket.close(credentialEndedCode, 'Your session ended: log in again.');
      return;
    }
    send(socket, text);
  }

  private *all(): Iterable<WebSocket> {
    yield* this.staff;
    for (const set of this.customers.values()) yield* set;
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    if (this.listening) (await this.listening)();
    await this.bus.close();
  }
}

function send(socket: WebSocket, text: string) {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

/**
 * CSRF for WebSockets: a browser sends the session cookie with an upgrade from any site, so an
 * upgrade signed in by cookie must come from our own pages (Origin = PUBLIC_URL's origin). A client
 * with a Bearer token sends no cookie and needs no check.
 */
export function checkSocketOrigin(ctx: AppContext, req: FastifyRequest): void {
  if (req.auth.via !== 'cookie') return;
  const origin = req.headers.origin;
  if (origin !== new URL(ctx.config.publicUrl).origin)
    throw new AppError('forbidden', 'A chat socket opens from this site only (the Origin header does not match).');
}

/** A plain GET of a socket path: say how to use it. */
export function notAnUpgrade(): never {
  throw new AppError('bad-request', 'Open this address as a WebSocket (GET with Upgrade: websocket).');
}

/**
 * The upgrade request's credential (session cookie or Bearer token), kept to ask again later: the
 * actor it stands for now, anonymous once the session is revoked or expired, the token revoked, or
 * the person disabled (the same lookup as every request's, auth.authenticate).
 */
export function credentialCheck(ctx: AppContext, req: FastifyRequest): () => Promise<Actor> {
  const header = req.headers.authorization;
  const creds = {
    cookie: req.auth.via === 'cookie' ? req.cookies[sessionCookieName] : undefined,
    bearer: req.auth.via === 'bearer' && header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined,
  };
  return async () => (await authenticate(ctx.db, creds, ctx.clock.now())).actor;
}
