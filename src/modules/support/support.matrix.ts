/**
 * The authorization-matrix rows of the support module's routes (S-1…S-5): every profile role reads its
 * company's support (tickets.use), any staff user a company's; grants, adjustments and license plans
 * need staff.support.credits (department head, billing, admin), the defaults and the support hours
 * staff.support.settings (department head, admin). Merged and run by test/authorization-matrix.test.ts.
 */
import { customer, staff, type MatrixRows } from '../../../test/matrix.js';

// S-2 assessment's rows live beside its routes.
export { assessmentMatrix } from './assessment/assessment.matrix.js';

const credits = ['department_head', 'billing', 'admin'] as const;
const settings = ['department_head', 'admin'] as const;
// The default hours, so that a case that saves them changes nothing another case sees.
const day = [['09:00', '18:00']];
const calendar = { timeZone: 'Asia/Dubai', hours: { 1: day, 2: day, 3: day, 4: day, 5: day }, holidays: [] };

export const supportMatrix: MatrixRows = {
  'GET /api/v1/support': { request: () => ({ url: '/api/v1/support?timeZone=Europe/Berlin' }), expect: customer(200) },
  'GET /api/v1/support/credits': { request: () => ({ url: '/api/v1/support/credits' }), expect: customer(200) },
  'GET /api/v1/staff/companies/:id/support': {
    request: (f) => ({ url: `/api/v1/staff/companies/${f.companyId}/support` }),
    expect: staff(200),
  },
  'POST /api/v1/staff/companies/:id/support/credits': {
    request: (f) => ({
      url: `/api/v1/staff/companies/${f.companyId}/support/credits`,
      body: { kind: 'grant', credits: 10, reason: 'Matrix' },
    }),
    expect: staff(201, [...credits]),
  },
  'PATCH /api/v1/staff/licenses/:key/support': {
    request: (f) => ({
      url: `/api/v1/staff/licenses/${f.licenseKey}/support`,
      body: { vipUntil: '2030-01-01T00:00:00Z' },
    }),
    expect: staff(200, [...credits]),
  },
  'GET /api/v1/staff/support/settings': {
    request: () => ({ url: '/api/v1/staff/support/settings' }),
    expect: staff(200, [...settings]),
  },
  'PUT /api/v1/staff/support/settings': {
    request: () => ({
      url: '/api/v1/staff/support/settings',
      body: {
        firstLicenseCredits: 50,
        additionalLicenseCredits: 30,
        additionalStorefrontCredits: 30,
        vipDays: 365,
        vipModificationsPerMonth: 7,
      },
    }),
    expect: staff(200, [...settings]),
  },
  'PUT /api/v1/staff/support/products/:productId': {
    request: (f) => ({
      url: `/api/v1/staff/support/products/${f.productId}`,
      body: { plan: 'period', periodDays: 45, storefront: false },
    }),
    expect: staff(200, [...settings]),
  },
  'GET /api/v1/staff/support/calendar': {
    request: () => ({ url: '/api/v1/staff/support/calendar' }),
    expect: staff(200, [...settings]),
  },
  'PUT /api/v1/staff/support/calendar': {
    request: () => ({ url: '/api/v1/staff/support/calendar', body: calendar }),
    expect: staff(200, [...settings]),
  },
};
