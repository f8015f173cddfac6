/**
 * The authorization-matrix rows of the tickets module's routes (tickets, staff desk, inbound mail).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import type { StaffRole } from '../../core/permissions.js';
import { customer, profileRoles, staff, type MatrixRows } from '../../../test/matrix.js';

/** Staff roles that work tickets (A-10; content staff do not). */
const ticketStaff: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'admin'];

export const ticketsMatrix: MatrixRows = {
  'GET /api/v1/tickets/options': { request: () => ({ url: '/api/v1/tickets/options' }), expect: customer(200) },
  'GET /api/v1/tickets': { request: () => ({ url: '/api/v1/tickets' }), expect: customer(200) },
  'GET /api/v1/tickets/counts': { request: () => ({ url: '/api/v1/tickets/counts' }), expect: customer(200) },
  'POST /api/v1/tickets': {
    request: () => ({ url: '/api/v1/tickets', body: { type: 'generic', title: 'Matrix', message: 'Hello' } }),
    expect: customer(201),
  },
  'GET /api/v1/tickets/:number': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}` }),
    expect: customer(200, profileRoles, 404),
  },
  'PATCH /api/v1/tickets/:number': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}`, body: { priority: 'minor' } }),
    expect: customer(200, profileRoles, 404),
  },
  'POST /api/v1/tickets/:number/messages': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/messages`, body: { body: 'More' } }),
    expect: customer(201, profileRoles, 404),
  },
  // The ticket is open: its company gets past the policy and is told only a closed ticket is rated.
  'POST /api/v1/tickets/:number/rating': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/rating`, body: { rating: 5 } }),
    expect: customer(409, profileRoles, 404),
  },
  'GET /api/v1/tickets/:number/attachments/:id': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/attachments/${f.attachmentId}` }),
    expect: customer(200, profileRoles, 404),
  },
  'GET /api/v1/staff/tickets/queue': {
    request: () => ({ url: '/api/v1/staff/tickets/queue?department=support' }),
    expect: staff(200, ticketStaff),
  },
  'POST /api/v1/staff/tickets/bulk': {
    request: (f) => ({
      url: '/api/v1/staff/tickets/bulk',
      body: { numbers: [Number(f.ticketNumber)], assignee: 'me' },
    }),
    expect: staff(200, ticketStaff),
  },
  'GET /api/v1/staff/overview': {
    request: () => ({ url: '/api/v1/staff/overview?tz=UTC' }),
    expect: staff(200, ticketStaff),
  },
  'GET /api/v1/staff/tickets': {
    request: (f) => ({ url: `/api/v1/staff/tickets?q=${f.ticketNumber}` }),
    expect: staff(200, ticketStaff),
  },
  'GET /api/v1/staff/tickets/:number': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}` }),
    expect: staff(200, ticketStaff),
  },
  'PATCH /api/v1/staff/tickets/:number': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}`, body: { solved: true } }),
    expect: staff(200, ticketStaff),
  },
  'POST /api/v1/staff/tickets/:number/messages': {
    request: (f) => ({
      url: `/api/v1/staff/tickets/${f.ticketNumber}/messages`,
      body: { body: 'Note', internal: true },
    }),
    expect: staff(201, ticketStaff),
  },
  'GET /api/v1/staff/tickets/:number/attachments/:id': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/attachments/${f.attachmentId}` }),
    expect: staff(200, ticketStaff),
  },
  'GET /api/v1/staff/agents': { request: () => ({ url: '/api/v1/staff/agents' }), expect: staff(200, ticketStaff) },
  'GET /api/v1/staff/canned-replies': {
    request: () => ({ url: '/api/v1/staff/canned-replies' }),
    expect: staff(200, ticketStaff),
  },
  'POST /api/v1/staff/canned-replies': {
    request: () => ({ url: '/api/v1/staff/canned-replies', body: { title: 'Hi', body: 'Hello there' } }),
    expect: staff(201, ['department_head', 'admin']),
  },
  'DELETE /api/v1/staff/canned-replies/:id': {
    request: (f) => ({ url: `/api/v1/staff/canned-replies/${f.cannedId}` }),
    expect: staff(204, ['department_head', 'admin']),
  },
  'GET /api/v1/staff/inbound-mail': {
    request: () => ({ url: '/api/v1/staff/inbound-mail?state=held' }),
    expect: staff(200, ticketStaff),
  },
  'GET /api/v1/staff/inbound-mail/:id': {
    request: (f) => ({ url: `/api/v1/staff/inbound-mail/${f.inboundId}` }),
    expect: staff(200, ticketStaff),
  },
  'POST /api/v1/staff/inbound-mail/:id/:action': {
    request: (f) => ({ url: `/api/v1/staff/inbound-mail/${f.inboundId}/discard` }),
    expect: staff(200, ticketStaff),
  },
  // The fixture ticket has a single message, which cannot be moved out: staff get past the policy and are told.
  'POST /api/v1/staff/tickets/:number/messages/:code/move': {
    request: (f) => ({
      url: `/api/v1/staff/tickets/${f.ticketNumber}/messages/${f.messageCode}/move`,
      body: { title: 'Split' },
    }),
    expect: staff(422, ticketStaff),
  },
  'POST /api/v1/staff/tickets/:number/merge': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/merge`, body: { into: f.ticketNumber } }),
    expect: staff(400, ticketStaff),
  },
};
