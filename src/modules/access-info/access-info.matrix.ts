/**
 * The authorization-matrix rows of the access-info module (T-18). Merged and run by
 * test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import type { StaffRole } from '../../core/permissions.js';
import { customer, staff, type MatrixRows } from '../../../test/matrix.js';

/** Staff roles that work tickets (A-10; content staff do not). */
const ticketStaff: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'admin'];

const body = { protocol: 'ssh', host: 'matrix.example.com', port: 22, username: 'deploy', password: 'Matrix-Secret-1' };

export const accessInfoMatrix: MatrixRows = {
  'GET /api/v1/tickets/:number/access-info': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/access-info` }),
    expect: customer(200, undefined, 404),
  },
  'PUT /api/v1/tickets/:number/access-info': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/access-info`, body }),
    expect: customer(200, undefined, 404),
  },
  'DELETE /api/v1/tickets/:number/access-info': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/access-info` }),
    expect: customer(204, undefined, 404),
  },
  'GET /api/v1/staff/tickets/:number/access-info': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/access-info` }),
    expect: staff(200, ticketStaff),
  },
  // The matrix ticket has no assignee and its department no head: nobody works it, so every
  // ticket-staff role is refused by the row rule (403) as content staff are by the route's policy.
  'POST /api/v1/staff/tickets/:number/access-info/reveal': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/access-info/reveal` }),
    expect: staff(403),
  },
};
