#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { boot } from './boot.js';
import { ConfigError, loadConfig } from './core/config.js';
import { DataDirLockedError } from './core/db/index.js';
import { AppError } from './core/errors.js';
import { findStaffByEmail } from './modules/staff/queries.js';
import { createStaffUser, updateStaffUser } from './modules/staff/staff-users.js';
import { createStaffBody, staffRole } from './modules/staff/schemas.js';
import { printDemoLogins, seedDemo } from './seed/demo.js';
import { seedDemoFiles } from './seed/demo-files.js';
import { seedDemoTickets } from './seed/demo-tickets.js';
import { readablePassword } from './core/secrets.js';
import { processInbound } from './modules/tickets/inbound/process-inbound.js';
import { inboundMaxBytes, storeInbound } from './modules/tickets/inbound/store-inbound.js';

const usage = `Usage: clientele <command> [options]

Commands:
  migrate                              apply the database migrations
  seed-demo                            create the demo vendor and customers (empty database only)
  mail-in [--from ADDRESS] [--to ADDRESS] < message.eml
                                       deliver one raw e-mail from standard input (for an MTA pipe):
                                       stored first, then threaded into a ticket or held for review;
                                       only the Authentication-Results of the MTA named by
                                       CLIENTELE_INBOUND_TRUSTED_AUTHSERV_ID count
  create-staff --email E --role R [--name N] [--password P]
                                       add a staff user; roles: agent, department_head, billing,
                                       sales, content, admin (a password is generated if none given)
  change-staff-email --from OLD --to NEW
                                       give a staff user another e-mail address; runs before the
                                       migrations, for when one stops on an address a customer
                                       profile and a staff user share (0010_unique_email)

The database is DATABASE_URL when set, else the embedded one in CLIENTELE_DATA_DIR (./data).
Stop the server first when using the embedded database: it allows one process at a time.`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig();
  const { ctx, handle } = await boot({ ...config, logLevel: 'warn' }, undefined, {
    migrate: command !== 'change-staff-email',
  });
  try {
    if (command === 'migrate') {
      process.stdout.write('Database is up to date.\n');
      return 0;
    }
    if (command === 'seed-demo') {
      const seeded = await seedDemo(ctx.db, ctx.clock.now(), config.demoPassword);
      if (!seeded) {
        process.stderr.write('The database already has companies or staff users: demo data was not added.\n');
        return 1;
      }
      await seedDemoFiles(ctx, ctx.clock.now());
      await seedDemoTickets(ctx);
      printDemoLogins(config.publicUrl, seeded, config.dataDir);
      return 0;
    }
    if (command === 'mail-in') {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of process.stdin) {
        size += (c as Buffer).length;
        if (size > inboundMaxBytes) {
          process.stderr.write(`The message is larger than ${inboundMaxBytes / 1024 / 1024} MB.\n`);
          return 3;
        }
        chunks.push(c as Buffer);
      }
      if (size === 0) {
        process.stderr.write('No message on standard input.\n');
        return 2;
      }
      const id = await storeInbound(
        ctx.db,
        Buffer.concat(chunks),
        { via: 'pipe', envelopeFrom: values.from, envelopeTo: values.to },
        ctx.clock.now(),
      );
      const outcome = await processInbound(ctx, id);
      process.stdout.write(
        `${id} ${outcome.state}${'ticketNumber' in outcome ? ` #${outcome.ticketNumber}` : ''}${'reason' in outcome ? `: ${outcome.reason}` : ''}\n`,
      );
      return 0;
    }
    if (command === 'create-staff') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const role = staffRole.safeParse(values.role);
      if (!values.email || !role.success) {
        process.stderr.write(
          'create-staff needs --email and --role (agent, department_head, billing, sales, content, admin).\n',
        );
        return 2;
      }
      const password = values.password ?? readablePassword();
      const name = values.name ?? values.email.split('@')[0] ?? values.email;
      const user = await createStaffUser(
        ctx,
        { kind: 'system', name: 'cli' },
        { email: values.email, name, role: role.data, password },
      );
      process.stdout.write(
        `Staff user ${user.email} (${user.role}) created.${values.password ? '' : ` Password: ${password}`}\n`,
      );
      return 0;
    }
    if (command === 'change-staff-email') {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
      const to = createStaffBody.shape.email.safeParse(values.to);
      if (!values.from || !to.success) {
        process.stderr.write('change-staff-email needs --from and --to (a valid e-mail address).\n');
        return 2;
      }
      const staff = await findStaffByEmail(ctx.db, values.from);
      if (!staff) {
        process.stderr.write(`No staff user has the e-mail ${values.from}.\n`);
        return 1;
      }
      const user = await updateStaffUser(ctx, { kind: 'system', name: 'cli' }, staff.id, { email: to.data });
      process.stdout.write(`Staff user ${staff.email} is now ${user.email}.\n`);
      return 0;
    }
    process.stderr.write(`Unknown command: ${command}\n\n${usage}\n`);
    return 2;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof AppError) {
      process.stderr.write(
        `${err.detail ?? err.message}\n${err.fieldErrors.map((f) => `  ${f.field}: ${f.message}`).join('\n')}\n`,
      );
    } else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
