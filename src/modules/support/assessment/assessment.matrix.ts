/**
 * The authorization-matrix rows of the assessment routes (S-2). The matrix ticket is company A's, opened
 * by its primary without a license (credit-based, no credits): staff assess it, the customer's profiles
 * read it; Agree / Decline name no assessment of it (404 for those who pass the policy).
 */
import { customer, profileRoles, staff, type MatrixRows } from '../../../../test/matrix.js';

const ticketStaff = ['agent', 'department_head', 'billing', 'sales', 'admin'] as const;
const noSuchAssessment = '00000000-0000-4000-8000-000000000000';

export const assessmentMatrix: MatrixRows = {
  'GET /api/v1/support/ticket-plan': {
    request: (f) => ({ url: `/api/v1/support/ticket-plan?licenses=${f.licenseKey}` }),
    expect: customer(200),
  },
  'GET /api/v1/tickets/:number/support': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/support` }),
    expect: customer(200, profileRoles, 404),
  },
  'POST /api/v1/tickets/:number/assessments/:id/agree': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/assessments/${noSuchAssessment}/agree` }),
    expect: customer(404, profileRoles, 404),
  },
  'POST /api/v1/tickets/:number/assessments/:id/decline': {
    request: (f) => ({ url: `/api/v1/tickets/${f.ticketNumber}/assessments/${noSuchAssessment}/decline` }),
    expect: customer(404, profileRoles, 404),
  },
  'GET /api/v1/staff/tickets/:number/support': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/support` }),
    expect: staff(200, [...ticketStaff]),
  },
  'GET /api/v1/staff/tickets/:number/assessment-quote': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/assessment-quote?category=2` }),
    expect: staff(200, [...ticketStaff]),
  },
  'POST /api/v1/staff/tickets/:number/assessments': {
    request: (f) => ({ url: `/api/v1/staff/tickets/${f.ticketNumber}/assessments`, body: { category: 2 } }),
    expect: staff(201, [...ticketStaff]),
  },
  'GET /api/v1/staff/support/assessment-settings': {
    request: () => ({ url: '/api/v1/staff/support/assessment-settings' }),
    expect: staff(200, ['department_head', 'admin']),
  },
  'PUT /api/v1/staff/support/assessment-settings': {
    request: () => ({
      url: '/api/v1/staff/support/assessment-settings',
      body: { servicePackPattern: '(^|[.\\- ])SP[0-9]*$' },
    }),
    expect: staff(200, ['department_head', 'admin']),
  },
};
