/**
 * The authorization-matrix rows of the staff module's routes (staff users, companies, audit, mailbox).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { uniq } from '../../../test/factories.js';
import { staff, strongPassword, type MatrixRows } from '../../../test/matrix.js';

export const staffMatrix: MatrixRows = {
  'GET /api/v1/staff/me': { request: () => ({ url: '/api/v1/staff/me' }), expect: staff(200) },
  'PATCH /api/v1/staff/me': {
    request: () => ({ url: '/api/v1/staff/me', body: { timezone: 'Europe/Berlin' } }),
    expect: staff(200),
  },
  'GET /api/v1/staff/users': { request: () => ({ url: '/api/v1/staff/users' }), expect: staff(200, ['admin']) },
  'POST /api/v1/staff/users': {
    request: () => ({
      url: '/api/v1/staff/users',
      body: { email: `s-${uniq()}@vendor.example`, name: 'Stu Staff', role: 'agent', password: strongPassword },
    }),
    expect: staff(201, ['admin']),
  },
  'PATCH /api/v1/staff/users/:id': {
    request: (f) => ({ url: `/api/v1/staff/users/${f.staffTargetId}`, body: { name: 'Renamed Staff' } }),
    expect: staff(200, ['admin']),
  },
  'GET /api/v1/staff/companies': { request: () => ({ url: '/api/v1/staff/companies?limit=5' }), expect: staff(200) },
  'GET /api/v1/staff/companies/:id': {
    request: (f) => ({ url: `/api/v1/staff/companies/${f.companyId}` }),
    expect: staff(200),
  },
  'POST /api/v1/staff/profiles/:id/unlock': {
    request: (f) => ({ url: `/api/v1/staff/profiles/${f.profile.secondary}/unlock` }),
    expect: staff(200, ['department_head', 'admin']),
  },
  'GET /api/v1/staff/audit': { request: () => ({ url: '/api/v1/staff/audit?limit=5' }), expect: staff(200, ['admin']) },
  'GET /api/v1/staff/mailbox': {
    request: () => ({ url: '/api/v1/staff/mailbox?limit=5' }),
    expect: staff(200, ['admin']),
  },
  'GET /api/v1/staff/mailbox/:id': {
    request: (f) => ({ url: `/api/v1/staff/mailbox/${f.mailId}` }),
    expect: staff(200, ['admin']),
  },
};
