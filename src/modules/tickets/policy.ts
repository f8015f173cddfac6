import { access } from '../../core/policy.js';

/**
 * Who may call each route of the tickets module (A-2 row "Communication center"; A-10). Row-level
 * rules live in the queries: a customer finds a ticket by number within their own company only
 * (another company's number, attachment or message ID is 404), and customer-facing reads leave
 * internal notes and staff-only events out in the query itself.
 */
export const ticketsPolicy = {
  options: access.profile('tickets.use'),
  list: access.profile('tickets.use'),
  create: access.profile('tickets.use'),
  get: access.profile('tickets.use'),
  change: access.profile('tickets.use'),
  post: access.profile('tickets.use'),
  rate: access.profile('tickets.use'),
  attachment: access.profile('tickets.use'),
  staffQueue: access.staff('staff.tickets'),
  staffSearch: access.staff('staff.tickets'),
  staffGet: access.staff('staff.tickets'),
  staffPost: access.staff('staff.tickets'),
  staffChange: access.staff('staff.tickets'),
  staffAttachment: access.staff('staff.tickets'),
  staffMove: access.staff('staff.tickets'),
  staffMerge: access.staff('staff.tickets'),
  staffAgents: access.staff('staff.tickets'),
  cannedList: access.staff('staff.tickets'),
  cannedCreate: access.staff('staff.tickets.settings'),
  cannedDelete: access.staff('staff.tickets.settings'),
  // E-2: held inbound mail is reviewed by the people who work tickets.
  inboundList: access.staff('staff.tickets'),
  inboundGet: access.staff('staff.tickets'),
  inboundAct: access.staff('staff.tickets'),
};
