import type { AppContext } from './core/context.js';
import type { JobDefinition } from './core/jobs.js';
import { deliverDueMail, type MailTransport } from './core/mail/deliver.js';
import { disabledProfileAddresses } from './modules/accounts/index.js';
import { closePreClosedTickets, preCloseSilentTickets } from './modules/tickets/automation.js';
import { processPendingInbound } from './modules/tickets/inbound/process-inbound.js';

/** Every scheduled and queued job of the app (E-3). Each is idempotent and safe on several servers. */
export function jobDefinitions(ctx: AppContext, transport: MailTransport): JobDefinition[] {
  return [
    {
      name: 'mail-deliver',
      cron: '* * * * *',
      handler: async () => {
        // Drain what is due; a failed mail waits for its backoff and the next run.
        for (let i = 0; i < 20; i++) {
          const r = await deliverDueMail(
            ctx.db,
            transport,
            ctx.clock,
            ctx.config.mailFrom,
            50,
            disabledProfileAddresses,
          );
          if (r.sent + r.retried + r.failed === 0) break;
        }
      },
    },
    // T-8 and T-9: every minute, so a ticket changes within a minute of its due time.
    { name: 'tickets-pre-close', cron: '* * * * *', handler: () => preCloseSilentTickets(ctx) },
    { name: 'tickets-close', cron: '* * * * *', handler: () => closePreClosedTickets(ctx) },
    // E-2: inbound mail stored but not processed (a crash between storing and threading).
    { name: 'inbound-mail', cron: '* * * * *', handler: () => processPendingInbound(ctx) },
  ];
}
