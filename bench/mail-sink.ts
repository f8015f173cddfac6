/**
 * The local SMTP relay of bench/mail.ts, in a process of its own so that its CPU is not counted as
 * the delivery's. Tells its port over IPC, answers { count } with what it received.
 */
import { startSmtpSink } from '../test/smtp-sink.js';

const sink = await startSmtpSink();
const send = (m: unknown) => process.send?.(m);
send({ port: sink.port });
process.on('message', (m: string) => {
  if (m === 'count') {
    let total = 0;
    let twice = 0;
    for (const n of sink.received.values()) {
      total += n;
      if (n > 1) twice++;
    }
    send({ total, distinct: sink.received.size, twice, mostConnections: sink.mostConnections });
  }
  if (m === 'stop') void sink.close().then(() => process.exit(0));
});
// The bench ended without saying so (interrupted): do not stay behind.
process.on('disconnect', () => process.exit(0));
