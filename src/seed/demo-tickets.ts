import type { AppContext } from '../core/context.js';
import type { ProfileActor, StaffActor } from '../core/policy.js';
import { changeTicket } from '../modules/tickets/change-ticket.js';
import { createTicket } from '../modules/tickets/create-ticket.js';
import { postStaffMessage } from '../modules/tickets/post-message.js';
import { rateTicket } from '../modules/tickets/rate-ticket.js';
import { chargeCredits } from '../modules/support/index.js';

/** Demo conversations for Demo Store: one being worked on, one new sales question, one closed and rated. */
export async function seedDemoTickets(ctx: AppContext): Promise<void> {
  const person = async (email: string): Promise<ProfileActor> => {
    const p = await ctx.db
      .selectFrom('profiles')
      .select(['id', 'company_id', 'role', 'email', 'name'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return { kind: 'profile', id: p.id, companyId: p.company_id, role: p.role, email: p.email, name: p.name };
  };
  const agentRow = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'role', 'email', 'name'])
    .where('email', '=', 'agent@vendor.test')
    .executeTakeFirstOrThrow();
  const agent: StaffActor = { kind: 'staff', ...agentRow };
  const owner = await person('owner@demo.test');
  const advanced = await person('advanced@demo.test');
  const license = await ctx.db
    .selectFrom('licenses')
    .select('key')
    .where('company_id', '=', owner.companyId)
    .where('state', '=', 'active')
    .where('host', '=', 'www.demo-store.com')
    .executeTakeFirstOrThrow();

  const worked = await createTicket(ctx, owner, {
    type: 'tech',
    licenses: [license.key],
    version: '4.1.0',
    priority: 'normal',
    hotrush: false,
    title: 'Shipping rates missing at checkout',
    message: 'Since yesterday the checkout shows no shipping options for Canada.',
  });
  await postStaffMessage(ctx, agent, worked.number, {
    body: 'Thanks for the report. Could you check Settings → Shipping → Zones and tell us whether Canada is still in a zone?',
    internal: false,
  });
  // S-2: a question of the first category (5 credits, charged without confirmation), for a visible ledger.
  await chargeCredits(ctx.db, {
    companyId: owner.companyId,
    credits: 5,
    actor: agent,
    reason: 'Functionality or set-up question',
    at: ctx.clock.now(),
    ticketId: worked.id,
    source: `demo:${worked.id}:charge`,
  });
  await postStaffMessage(ctx, agent, worked.number, {
    body: 'Likely the zone import of the 4.1 upgrade. Check after the customer answers.',
    internal: true,
  });

  await createTicket(ctx, advanced, {
    type: 'sales',
    licenses: [],
    priority: 'minor',
    hotrush: false,
    title: 'Price of the Reviews add-on for a second store',
    message: 'We open a second store next month. Is there a discount for a second Reviews add-on?',
  });

  const done = await createTicket(ctx, owner, {
    type: 'generic',
    licenses: [],
    priority: 'normal',
    hotrush: false,
    title: 'Where do I find my invoices?',
    message: "I need last year's invoices for our accountant.",
  });
  await postStaffMessage(ctx, agent, done.number, {
    body: 'They will be under Invoices once billing opens; meanwhile we mailed them to your billing address.',
    internal: false,
  });
  await changeTicket(ctx, owner, done.number, { status: 'closed' });
  await rateTicket(ctx, owner, done.number, { rating: 5, comment: 'Quick and clear, thank you.' });

  await ctx.db
    .insertInto('canned_replies')
    .values([
      {
        department_key: 'support',
        title: 'Ask for the log',
        body: 'Could you attach the error log (var/log/error.log) from the time the problem happened?',
        created_at: ctx.clock.now(),
      },
      {
        department_key: null,
        title: 'Thanks',
        body: 'Thank you for your patience. We will keep you posted in this ticket.',
        created_at: ctx.clock.now(),
      },
    ])
    .execute();
}
