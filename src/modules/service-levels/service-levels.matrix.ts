/**
 * The authorization-matrix rows of the service-levels module's routes (SLA targets, support reports).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { type MatrixRows, staff } from '../../../test/matrix.js';

const heads = ['department_head', 'admin'] as const;
const targets = {
  hotrushFirst: 120,
  hotrushNext: 120,
  vipFirst: 720,
  vipNext: 720,
  majorFirst: 960,
  majorNext: 960,
  normalFirst: 960,
  normalNext: 960,
  minorFirst: 1440,
  minorNext: 1440,
  warningLead: 60,
};

export const serviceLevelsMatrix: MatrixRows = {
  'GET /api/v1/staff/support/sla': {
    request: () => ({ url: '/api/v1/staff/support/sla' }),
    expect: staff(200, [...heads]),
  },
  'PUT /api/v1/staff/support/sla': {
    request: () => ({ url: '/api/v1/staff/support/sla', body: targets }),
    expect: staff(200, [...heads]),
  },
  'GET /api/v1/staff/support/reports': {
    request: () => ({ url: '/api/v1/staff/support/reports?from=2026-01-01&to=2026-01-31' }),
    expect: staff(200, [...heads]),
  },
  'GET /api/v1/staff/support/reports.csv': {
    request: () => ({ url: '/api/v1/staff/support/reports.csv?from=2026-01-01&to=2026-01-31&groupBy=plan' }),
    expect: staff(200, [...heads]),
  },
};
