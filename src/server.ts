import fs from 'node:fs';
import { buildApp } from './app.js';
import { boot } from './boot.js';
import { OffsetClock, systemClock } from './core/clock.js';
import { ConfigError, loadConfig } from './core/config.js';
import { DataDirLockedError } from './core/db/index.js';
import { deferredJobs, startJobs } from './core/jobs.js';
import { createMailDeliverer } from './core/mail/deliverer.js';
import { handleProcessFaults } from './core/process-faults.js';
import { mailTransportFor } from './core/mail/index.js';
import { undeliverableOf } from './core/module.js';
import { jobDefinitions } from './jobs.js';
import { modules } from './modules.js';
import { checkAccessInfoKeys, withEmbeddedAccessInfoKey } from './modules/access-info/index.js';
import { startSmtpListener } from './modules/tickets/inbound/smtp-listener.js';
import { demoLoginsFile, printDemoLogins, seedDemo } from './seed/demo.js';
import { seedDemoFiles } from './seed/demo-files.js';
import { seedDemoTickets } from './seed/demo-tickets.js';

/** Starts Clientele: configuration, database and migrations, demo data, jobs, HTTP. */
async function main() {
  // T-18: the embedded database gets a generated access-info key; a missing key with sealed rows stops here.
  const config = withEmbeddedAccessInfoKey(loadConfig());
  const { ctx, handle } = await boot(config, config.testClock ? new OffsetClock() : systemClock);
  await checkAccessInfoKeys(ctx.db, config).catch(async (err) => {
    await handle.close();
    throw err;
  });
  // From here on a database outage is survived (issue 19.1): see core/process-faults.ts.
  handleProcessFaults(ctx.log);
  if (config.testClock)
    ctx.log.warn("CLIENTELE_TEST_CLOCK is on: admins can move this server's clock. Never use it in production.");
  if (handle.mode === 'embedded') {
    const seeded = await seedDemo(ctx.db, ctx.clock.now(), config.demoPassword);
    if (seeded) await seedDemoFiles(ctx, ctx.clock.now());
    if (seeded) await seedDemoTickets(ctx);
    if (seeded) printDemoLogins(config.publicUrl, seeded, config.dataDir);
    else if (fs.existsSync(demoLoginsFile(config.dataDir)))
      ctx.log.info(`Demo log-ins (printed at the first start) are in ${demoLoginsFile(config.dataDir)}`);
  }
  const anyStaff = await ctx.db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  if (!anyStaff) {
    ctx.log.warn(
      'No staff user exists yet. Create the first admin with: npm run clientele -- create-staff --email you@example.com --role admin',
    );
  }
  const transport = mailTransportFor(config);
  // pg-boss starts once the server listens (the embedded database has one connection: starting it
  // alongside the app's own start-up only slows both); until then kicks wait for it.
  let listening: () => void = () => {};
  if (config.jobs) {
    const starting = new Promise<void>((resolve) => {
      listening = resolve;
    }).then(() => startJobs(handle.pool, jobDefinitions(ctx, transport), ctx.log));
    starting.catch((err) => {
      ctx.log.fatal({ err }, 'the job queue did not start');
      process.exit(1);
    });
    ctx.jobs = deferredJobs(starting);
  }
  // The outbox's delivery loop (issue 19): continuous, beside the jobs, started once the server listens.
  const deliverer = config.jobs
    ? createMailDeliverer({
        db: ctx.db,
        transport,
        clock: ctx.clock,
        from: config.mailFrom,
        log: ctx.log,
        undeliverable: undeliverableOf(modules),
      })
    : null;
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  listening();
  deliverer?.start();
  const smtp = config.inboundSmtp.port
    ? await startSmtpListener(ctx, { port: config.inboundSmtp.port, host: config.inboundSmtp.host })
    : null;
  if (smtp)
    ctx.log.info({ port: smtp.port, supportAddress: config.supportAddress }, 'Inbound mail: SMTP listener is running');
  ctx.log.info(
    { url: config.publicUrl, database: handle.mode, mail: config.smtpUrl ? 'smtp' : 'dev mailbox' },
    `Clientele is running at ${config.publicUrl}`,
  );
  if (!config.smtpUrl) ctx.log.info('No SMTP_URL set: mail is kept in the dev mailbox (staff console → Dev mailbox).');
  // In a terminal, the address stands on a line of its own where a person sees it.
  if (process.stdout.isTTY) process.stdout.write(`\n  Clientele is running at ${config.publicUrl}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch(() => {});
    await smtp?.close().catch(() => {});
    await Promise.all([ctx.jobs.stop().catch(() => {}), deliverer?.stop().catch(() => {})]);
    transport.close();
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Clientele could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
