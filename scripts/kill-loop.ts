/**
 * Issue 19.6, faults without loss: a bounded kill loop. A load client with Idempotency-Keys opens
 * tickets and posts customer and staff replies, retrying a lost answer with the same request and
 * key; the server is SIGKILLed at random moments and restarted. Afterwards every acknowledged write
 * must exist exactly once with its message, event and mails, and the outbox must drain with each
 * mail sent once (a copy more only where a kill explains it: see scripts/kill-loop/verify.ts).
 *
 *   npm run fault:kill-loop -- --db pg          10 kills on a fresh PostgreSQL database
 *   npm run fault:kill-loop -- --db embedded    5 kills on a fresh embedded data folder
 * Options: --kills N, --workers N, --kill-after MIN-MAX (ms after ready, default 300-2500),
 * --think MS, --drain-seconds S (default 90), --port P (default: a free one), --pg-url URL (the
 * database to create; default postgres://postgres@$PGHOST:$PGPORT/clientele_killloop_<pid>), --keep.
 * Exits 1 listing every violation; 2 when the loop itself could not run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './free-port.js';
import { freshDataFolder, freshPostgres, seed, type Target } from './kill-loop/database.js';
import { waitForDrain } from './kill-loop/drain.js';
import { type Load, startLoad } from './kill-loop/load.js';
import { ServerUnderTest, serverCommand } from './kill-loop/server.js';
import { startSmtpSink } from './kill-loop/smtp-sink.js';
import { verify } from './kill-loop/verify.js';

const { values: o } = parseArgs({
  options: {
    db: { type: 'string', default: 'pg' },
    kills: { type: 'string' },
    workers: { type: 'string', default: '4' },
    'kill-after': { type: 'string', default: '300-2500' },
    think: { type: 'string', default: '30' },
    'drain-seconds': { type: 'string', default: '90' },
    port: { type: 'string' },
    'pg-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (o.db !== 'pg' && o.db !== 'embedded') throw new Error('--db is pg or embedded');
const mode = o.db;
const kills = Number(o.kills ?? (mode === 'pg' ? 10 : 5));
const [killMin, killMax] = (o['kill-after'] ?? '').split('-').map(Number) as [number, number];
const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const pgUrl =
  o['pg-url'] ??
  `postgres://postgres@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? '5432'}/clientele_killloop_${process.pid}`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const t0 = Date.now();
  const target: Target = mode === 'pg' ? await freshPostgres(pgUrl) : freshDataFolder();
  const sink = await startSmtpSink();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-kill-loop-log-'));
  const port = Number(o.port ?? (await freePort()));
  const server = new ServerUnderTest(
    {
      ...target.serverEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    path.join(logDir, 'server.log'),
    port,
  );
  let load: Load | null = null;
  const cleanUp = async () => {
    await load?.stop().catch(() => {});
    if (server.running) await server.kill();
    await sink.close();
    if (!o.keep) await target.drop().catch((e) => console.error(`could not drop ${target.where}: ${e}`));
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    const seeded = await seed(target, run);
    const prepared = Date.now() - t0;
    console.log(
      `kill loop on ${mode === 'pg' ? 'PostgreSQL' : 'the embedded database'} (${target.where}), ${kills} kills, server: ${serverCommand().label}, log: ${logDir}/server.log`,
    );
    const starts = [await server.start()];
    load = startLoad({
      url: server.url,
      customerToken: seeded.customerToken,
      staffToken: seeded.staffToken,
      workers: Number(o.workers),
      run,
      thinkMs: Number(o.think),
      giveUpMs: 120_000,
    });
    const killedAt: number[] = [];
    for (let i = 0; i < kills; i++) {
      await new Promise((r) => setTimeout(r, killMin + Math.random() * (killMax - killMin)));
      killedAt.push(Date.now());
      await server.kill();
      starts.push(await server.start());
    }
    await new Promise((r) => setTimeout(r, 1_000)); // the last process serves the retries a while
    await load.stop();
    const loadEnd = Date.now();
    const drain = await waitForDrain(server.url, seeded.staffToken, Number(o['drain-seconds']) * 1000);
    await server.stop();

    const handle = await target.open();
    const verdict = await verify(handle.db, run, load.acks, sink.received, killedAt).finally(() => handle.close());
    const violations = [...verdict.violations, ...load.stats.errors];
    if (sink.withoutId) violations.push(`${sink.withoutId} mails reached the sink without a Message-ID`);
    for (const e of server.unexpectedExits) violations.push(`the server exited on its own (${e})`);
    if (drain.ms === null)
      violations.unshift(
        `the outbox did not drain within ${o['drain-seconds']} s: ${JSON.stringify(drain.counts)} (the stuck mails are listed below)`,
      );

    const by = (k: string) => load!.acks.filter((a) => a.kind === k).length;
    const f = verdict.figures;
    const s = load.stats;
    console.log(
      [
        `prepared (migrate, seed) in ${secs(prepared)}; first start ready in ${secs(starts[0]!)}`,
        `kills: ${kills} (${killedAt.map((k) => secs(k - t0)).join(', ')} into the run); restarts ready in ${secs(Math.min(...starts.slice(1)))}–${secs(Math.max(...starts.slice(1)))}`,
        `load: ${o.workers} workers, ${load.acks.length} acknowledged writes (${by('ticket')} tickets, ${by('customer-reply')} customer replies, ${by('staff-reply')} staff replies), ${s.requests} requests`,
        `retries: ${s.retriedOperations} writes retried after a lost answer (${s.retries} requests more), ${s.replays} answered as replays (Idempotent-Replayed)`,
        `stored: ${f.storedTickets} tickets, ${f.storedReplies} replies; duplicates: ${f.duplicateTickets} tickets, ${f.duplicateReplies} replies`,
        `mail: ${f.outbox} in the outbox, drained ${drain.ms === null ? 'NOT within the bound' : `in ${secs(drain.ms)}`} after the load stopped; the sink received ${f.sinkCopies} copies, ${f.sinkDuplicates} mails twice (same Message-ID); ${f.killsDuringDelivery} kills came within 1 s of a delivery`,
        `run time: ${secs(Date.now() - t0)} (load ${secs(loadEnd - t0)})`,
      ].join('\n'),
    );
    if (violations.length) {
      const shown = violations.slice(0, 200).map((x) => `  - ${x}`);
      if (violations.length > 200) shown.push(`  … and ${violations.length - 200} more`);
      console.log(`\nFAILED: ${violations.length} violations\n${shown.join('\n')}`);
      return 1;
    }
    console.log('OK: every acknowledged write exists exactly once, with its message, event and mails');
    if (!o.keep) fs.rmSync(logDir, { recursive: true, force: true }); // a failed run keeps its server log
    return 0;
  } catch (err) {
    console.error(`the kill loop could not run: ${err instanceof Error ? err.message : err}`);
    return 2;
  } finally {
    await cleanUp();
  }
}

process.exit(await main());
