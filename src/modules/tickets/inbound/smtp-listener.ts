import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../../core/context.js';
import type { DNSResolver } from './authenticate-mail.js';
import { processInbound } from './process-inbound.js';
import { inboundMaxBytes, storeInbound } from './store-inbound.js';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/**
 * E-2: the built-in SMTP listener. It accepts any message up to the size limit, stores it raw with
 * the session's client IP, HELO and envelope, and only then answers "250"; checking (SPF, DKIM,
 * DMARC with mailauth), parsing and threading follow (a failure there leaves the stored message for
 * the inbound-mail job to retry). No SMTP AUTH: put it behind your MX or firewall, or pipe mail
 * with `clientele mail-in` instead. `resolver`: DNS for the checks (tests pass a stub).
 */
export async function startSmtpListener(
  ctx: AppContext,
  opts: { port: number; host: string; resolver?: DNSResolver },
): Promise<SmtpListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: inboundMaxBytes,
    banner: 'Clientele inbound mail',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= inboundMaxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > inboundMaxBytes) {
          const err = Object.assign(new Error('Message too large'), { responseCode: 552 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? `<${session.envelope.mailFrom.address}>` : '<>';
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address).join(',');
        const client = { clientIp: session.remoteAddress, helo: session.hostNameAppearsAs };
        storeInbound(ctx.db, raw, { via: 'smtp', envelopeFrom, envelopeTo, ...client }, ctx.clock.now())
          .then((id) => {
            callback(null, `Queued as ${id}`);
            processInbound(ctx, id, { resolver: opts.resolver }).catch((err) =>
              ctx.log.error({ err, id }, 'inbound mail processing failed'),
            );
          })
          .catch((err) => {
            ctx.log.error({ err }, 'inbound mail could not be stored');
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  server.on('error', (err) => ctx.log.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
