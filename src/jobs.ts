import type { AppContext } from './core/context.js';
import type { JobDefinition } from './core/jobs.js';
import { deliverDueMail, type MailTransport } from './core/mail/deliver.js';
import { sweepIdempotencyKeys } from './core/idempotency.js';
import { undeliverableOf } from './core/module.js';
import { modules } from './modules.js';

/**
 * Every scheduled and queued job of the app (E-3): core's mail delivery and each module's own.
 * Each is idempotent and safe on several servers.
 */
export function jobDefinitions(ctx: AppContext, transport: MailTransport): JobDefinition[] {
  const undeliverable = undeliverableOf(modules);
  return [
    {
      name: 'mail-deliver',
      cron: '* * * * *',
      handler: async () => {
        // Drain what is due; a failed mail waits for its backoff and the next run.
        for (let i = 0; i < 20; i++) {
          const r = await deliverDueMail(ctx.db, transport, ctx.clock, ctx.config.mailFrom, 50, undeliverable);
          if (r.sent + r.retried + r.failed === 0) break;
        }
      },
    },
    {
      // Issue 19: answers kept for Idempotency-Key retries, removed once past their expiry.
      name: 'idempotency-sweep',
      cron: '17 * * * *',
      handler: () => sweepIdempotencyKeys(ctx.db, ctx.clock.now()),
    },
    ...modules.flatMap((m) => m.jobs?.(ctx) ?? []),
  ];
}
