import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** How many times each Message-ID (without angle brackets) arrived. */
  received: Map<string, number>;
  /** The most connections open at once. */
  mostConnections: number;
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every message (or refuses the recipients `refuse` names with a
 * 550) and counts them by Message-ID: the relay of the delivery tests and of bench/mail.ts.
 */
export async function startSmtpSink(opts: { port?: number; refuse?: (address: string) => boolean } = {}) {
  let open = 0;
  const sink: SmtpSink = {
    port: 0,
    received: new Map(),
    mostConnections: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Many messages over one connection, as a relay accepts them.
    maxClients: 1000,
    onConnect(_session, callback) {
      open++;
      sink.mostConnections = Math.max(sink.mostConnections, open);
      callback();
    },
    onClose() {
      open--;
    },
    onRcptTo(address, _session, callback) {
      if (opts.refuse?.(address.address))
        callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^message-id:\s*<([^>]+)>/im.exec(head)?.[1] ?? '';
        sink.received.set(id, (sink.received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : 0;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
