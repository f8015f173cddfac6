import type { AppContext } from './core/context.js';
import type { JobDefinition } from './core/jobs.js';
import { deliverDueMail, type MailTransport } from './core/mail/deliver.js';

/** Every scheduled and queued job of the app (E-3). Each is idempotent and safe on several servers. */
export function jobDefinitions(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, transport: MailTransport): JobDefinition[] {
  return [
    {
      name: 'mail-deliver',
      cron: '* * * * *',
      handler: async () => {
        // Drain what is due; a failed mail waits for its backoff and the next run.
        for (let i = 0; i < 20; i++) {
          const r = await deliverDueMail(ctx.db, transport, ctx.clock, ctx.config.mailFrom);
          if (r.sent + r.retried + r.failed === 0) break;
        }
      },
    },
  ];
}
