/**
 * Outbox benchmark (E-1, issue 19): mails a minute through the real delivery loop
 * (core/mail/deliverer.ts: claims, lease, pooled SMTP, one row update per mail) to a local SMTP relay
 * (smtp-server, in a child process so its CPU is not counted) and to the dev mailbox, beside a
 * baseline of bare pooled nodemailer sends to the same relay; then the backlog of a 1-minute burst at
 * 500 tickets/s (~1.7 mails a ticket: ~850 mails/s, 51,000 mails), queued at once with queueMails,
 * and the same burst queued at that rate while the loop delivers. The mail is queued straight into
 * the outbox (queueMails), not through ticket creation. Prints figures; asserts nothing.
 *   npm run bench:mail                                     (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://… npm run bench:mail
 *   BENCH_MAILS=20000 BENCH_BURST_SECONDS=60 BENCH_BURST_RATE=850 SMTP_CONNECTIONS=5 …
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase } from '../src/core/db/index.js';
import { migrate } from '../src/core/db/migrate.js';
import type { OutboxMail } from '../src/core/db/schema.js';
import { createMailDeliverer } from '../src/core/mail/deliverer.js';
import { type MailInput, queueMails } from '../src/core/mail/outbox.js';
import { devMailbox, type MailTransport, smtpTransport } from '../src/core/mail/transport.js';

const mailsPerRun = Number(process.env.BENCH_MAILS ?? 20_000);
const burstSeconds = Number(process.env.BENCH_BURST_SECONDS ?? 60);
const burstRate = Number(process.env.BENCH_BURST_RATE ?? 850);
const connections = Number(process.env.SMTP_CONNECTIONS ?? 5);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false' });
const handle = await openDatabase(config, { inMemory: true });
const { db } = handle;
await migrate(db);
const run = `bench-${Date.now().toString(36)}`;
const from = 'Clientele <helpdesk@bench.example>';
const log = pino({ level: 'warn' });

// The relay: smtp-server in a child process.
const sink = fork(new URL('./mail-sink.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
const reply = <T>(ask?: string) =>
  new Promise<T>((resolve) => {
    sink.once('message', (m) => resolve(m as T));
    if (ask) sink.send(ask);
  });
const { port } = await reply<{ port: number }>();
const received = () => reply<{ total: number; twice: number }>('count');
const smtpUrl = `smtp://127.0.0.1:${port}`;
const limits = {
  maxConnections: connections,
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
};

let serial = 0;
/** Mails like a ticket notification: subject with the ticket and message ID, a body, threading headers. */
function notifications(n: number, tag: string): MailInput[] {
  return Array.from({ length: n }, () => {
    const i = serial++;
    const ticket = 100_000 + Math.floor(i / 2);
    return {
      to: `customer-${i % 5000}@bench.example`,
      kind: `${run}-${tag}`,
      subject: `[#${ticket}] Checkout fails with error 500 after the upgrade (message 0A1B2-${String(i).padStart(5, '0')})`,
      text: `Hello Pat Customer,\n\nAn agent answered your ticket.\n\n${'Please send us the log of the checkout page; the error appears after the upgrade to 4.7.2. '.repeat(5)}\n\nMessage ID: 0A1B2-${i}\nTicket: https://help.bench.example/tickets/${ticket}\n\nReply to this e-mail to answer in the ticket.\n`,
      messageId: `t${ticket}.0A1B2-${i}.m.r0.${run}@bench.example`,
      headers: {
        'Reply-To': `support+t${ticket}.p${i % 5000}.abcdefghijklmnop@bench.example`,
        'In-Reply-To': `<t${ticket}.00000-00000.m.r0@bench.example>`,
        References: `<t${ticket}.00000-00000.m.r0@bench.example>`,
      },
    };
  });
}
async function queue(n: number, tag: string) {
  for (let done = 0; done < n; done += 1000)
    await queueMails(db, notifications(Math.min(1000, n - done), tag), new Date());
}
const pendingOf = async (tag: string) =>
  Number(
    (
      await db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', `${run}-${tag}`)
        .where('status', '<>', 'sent')
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Counts the sends a transport makes. */
function counted(t: MailTransport) {
  const c = { sends: 0, transport: { ...t } as MailTransport };
  c.transport.send = async (m, f) => {
    await t.send(m, f);
    c.sends++;
  };
  return c;
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const line = (label: string, n: number, seconds: number, cpu: number, extra = '') =>
  console.log(
    `${label.padEnd(52)} ${Math.round((n / seconds) * 60).toLocaleString('en')} mails/min (${n.toLocaleString('en')} in ${seconds.toFixed(1)} s; CPU ${(cpu / n).toFixed(2)} ms/mail)${extra}`,
  );

/** Queues `n` mails (untimed), then times the loop delivering them until every row is recorded sent. */
async function throughput(label: string, transport: MailTransport, n: number, tag: string) {
  await queue(n, tag);
  const c = counted(transport);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const d = createMailDeliverer({ db, transport: c.transport, clock: systemClock, from, log });
  d.start();
  // Counted in memory (a count query every few ms would load the database it measures), then the
  // rows are checked to be recorded sent.
  while (c.sends < n) await pause(20);
  while ((await pendingOf(tag)) > 0) await pause(100);
  const seconds = (performance.now() - t0) / 1000;
  const used = cpuMs(cpu);
  await d.stop();
  line(label, n, seconds, used);
  return n / seconds;
}

console.log(
  `database: ${handle.mode}; relay: smtp-server in a child process, ${connections} pooled connections, ${connections * 2} sends in flight`,
);

// Baseline: the same mails over the same pooled transport, no database.
{
  const t = smtpTransport(smtpUrl, limits);
  const mails = notifications(mailsPerRun, 'baseline').map(
    (m, i) =>
      ({
        id: String(i),
        to_address: m.to,
        subject: m.subject,
        text_body: m.text,
        html_body: null,
        headers: m.headers ?? {},
        message_id: m.messageId ?? '',
      }) as OutboxMail,
  );
  const before = (await received()).total;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections * 2 }, async () => {
      for (let m = mails[next++]; m; m = mails[next++]) await t.send(m, from);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  line('baseline: bare nodemailer pooled sends to the relay', mails.length, seconds, cpuMs(cpu));
  t.close();
  if ((await received()).total - before !== mails.length) console.log('  (the relay counted a different number)');
}

{
  const t = smtpTransport(smtpUrl, limits);
  const before = await received();
  await throughput('delivery loop → SMTP relay', t, mailsPerRun, 'smtp');
  const after = await received();
  console.log(
    `  relay received ${(after.total - before.total).toLocaleString('en')}, sent twice: ${after.twice - before.twice}`,
  );
  t.close();
}
await throughput('delivery loop → dev mailbox (no SMTP)', devMailbox, mailsPerRun, 'dev');

// The backlog of a 1-minute burst at 500 tickets/s, queued at once.
const burst = burstSeconds * burstRate;
{
  const t = smtpTransport(smtpUrl, limits);
  await throughput(`backlog of ${burst.toLocaleString('en')} queued at once → SMTP relay`, t, burst, 'backlog');
  t.close();
}

// The same burst queued at its rate (every 100 ms) while the loop delivers: the backlog left when
// the burst ends and how long it takes to drain.
{
  const t = smtpTransport(smtpUrl, limits);
  const c = counted(t);
  const d = createMailDeliverer({ db, transport: c.transport, clock: systemClock, from, log });
  d.start();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let queued = 0;
  while (queued < burst) {
    const due = Math.min(burst, Math.round(((performance.now() - t0) / 1000) * burstRate));
    if (due > queued) {
      const n = due - queued;
      for (let done = 0; done < n; done += 1000)
        await queueMails(db, notifications(Math.min(1000, n - done), 'burst'), new Date());
      queued = due;
    }
    await pause(100);
  }
  const burstEnd = performance.now();
  const backlog = burst - c.sends;
  while (c.sends < burst) await pause(20);
  while ((await pendingOf('burst')) > 0) await pause(100);
  const drained = (performance.now() - burstEnd) / 1000;
  const total = (performance.now() - t0) / 1000;
  const used = cpuMs(cpu);
  await d.stop();
  t.close();
  line(
    `burst ${burstRate}/s for ${burstSeconds} s while delivering → SMTP relay`,
    burst,
    total,
    used,
    `\n  backlog when the burst ended: ${backlog.toLocaleString('en')} mails, drained ${drained.toFixed(1)} s later`,
  );
}

const last = await received();
console.log(`relay: ${last.total.toLocaleString('en')} mails received in all, ${last.twice} Message-IDs twice`);
await db.deleteFrom('mail_outbox').where('kind', 'like', `${run}-%`).execute();
sink.send('stop');
setTimeout(() => sink.kill(), 5_000).unref();
await handle.close();
