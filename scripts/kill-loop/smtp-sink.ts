import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An SMTP server that accepts every mail and remembers, per Message-ID, when each copy arrived. */
export interface SmtpSink {
  url: string;
  /** Message-ID (without angle brackets) → the times (ms since epoch) each copy was accepted. */
  received: Map<string, number[]>;
  /** Mails that carried no Message-ID header. */
  withoutId: number;
  close(): Promise<void>;
}

const messageIdHeader = /^message-id:\s*<([^>\r\n]+)>/im;

/**
 * Starts the sink on a free loopback port. A copy counts once the sink has answered 250, which is
 * the moment nodemailer's send resolves: a process killed after that and before it marks the
 * outbox row sent is how SMTP's at-least-once delivery sends a mail twice.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received = new Map<string, number[]>();
  const sink = { withoutId: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (!head.includes('\r\n\r\n')) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = messageIdHeader.exec(head.split('\r\n\r\n')[0] ?? '')?.[1];
        if (id) received.set(id, [...(received.get(id) ?? []), Date.now()]);
        else sink.withoutId++;
        callback(null, 'Accepted');
      });
    },
  });
  // A connection cut off by a kill is the sender's problem: the mail was not accepted, it comes again.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get withoutId() {
      return sink.withoutId;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
