import type { AppContext } from './core/context.js';
import type { JobDefinition } from './core/jobs.js';
import { sweepIdempotencyKeys } from './core/idempotency.js';
import { deliverDueMail } from './core/mail/deliver.js';
import type { MailTransport } from './core/mail/transport.js';
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
      // The safety net beside each server's delivery loop (core/mail/deliverer.ts), which does the
      // work: a kick or the minute's run drains what is due, however much, until nothing is left or
      // the relay is down (the loop probes it).
      name: 'mail-deliver',
      cron: '* * * * *',
      handler: async () => {
        for (;;) {
          const r = await deliverDueMail(ctx.db, transport, ctx.clock, ctx.config.mailFrom, 100, undeliverable, {
            log: ctx.log,
          });
          if (r.claimed === 0 || r.relayDown) break;
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
