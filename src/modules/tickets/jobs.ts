import type { AppContext } from '../../core/context.js';
import type { JobDefinition } from '../../core/jobs.js';
import { closePreClosedTickets, preCloseSilentTickets } from './automation.js';
import { processPendingInbound } from './inbound/process-inbound.js';

/** The tickets module's jobs (E-3); each is idempotent and safe on several servers. */
export function ticketsJobs(ctx: AppContext): JobDefinition[] {
  return [
    // T-8 and T-9: every minute, so a ticket changes within a minute of its due time.
    { name: 'tickets-pre-close', cron: '* * * * *', handler: () => preCloseSilentTickets(ctx) },
    { name: 'tickets-close', cron: '* * * * *', handler: () => closePreClosedTickets(ctx) },
    // E-2: inbound mail stored but not processed (a crash between storing and threading, a claim
    // whose process died): every 15 s, so with its 40 s lease such a mail is processed within a minute.
    { name: 'inbound-mail', everySeconds: 15, handler: () => processPendingInbound(ctx) },
  ];
}
