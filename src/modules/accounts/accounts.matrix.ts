/**
 * The authorization-matrix rows of the accounts module's routes (profiles, avatars, the company).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { uniq } from '../../../test/factories.js';
import { customer, override, profileRoles, strongPassword, type MatrixRows } from '../../../test/matrix.js';

export const accountsMatrix: MatrixRows = {
  'GET /api/v1/profiles': { request: () => ({ url: '/api/v1/profiles' }), expect: customer(200) },
  'POST /api/v1/profiles': {
    request: () => ({
      url: '/api/v1/profiles',
      body: { email: `n-${uniq()}@example.com`, name: 'Nia New', role: 'secondary', password: strongPassword },
    }),
    expect: customer(201, ['primary']),
  },
  'GET /api/v1/profiles/:id': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}` }),
    expect: customer(200, profileRoles, 404),
  },
  'PATCH /api/v1/profiles/:id': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}`, body: { name: 'Renamed Person' } }),
    expect: customer(200, ['primary', 'secondary'], 404),
  },
  'POST /api/v1/profiles/:id/disable': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}/disable` }),
    expect: customer(200, ['primary'], 404),
  },
  'POST /api/v1/profiles/:id/re-register': {
    request: (f) => ({
      url: `/api/v1/profiles/${f.profile.secondary}/re-register`,
      body: { email: `r-${uniq()}@example.com`, name: 'Rae Next' },
    }),
    expect: customer(200, ['primary'], 404),
  },
  'POST /api/v1/profiles/:id/unlock': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}/unlock` }),
    expect: customer(200, ['primary'], 404),
  },
  // Without a multipart body the owner gets past the policy and is told the media type is wrong.
  'PUT /api/v1/profiles/:id/avatar': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}/avatar` }),
    expect: override(customer(403, profileRoles, 404), { secondary: 415 }),
  },
  'DELETE /api/v1/profiles/:id/avatar': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}/avatar` }),
    expect: override(customer(403, profileRoles, 404), { secondary: 204 }),
  },
  'GET /api/v1/profiles/:id/avatar': {
    request: (f) => ({ url: `/api/v1/profiles/${f.profile.secondary}/avatar` }),
    expect: customer(200, profileRoles, 404),
  },
  'GET /api/v1/company': { request: () => ({ url: '/api/v1/company' }), expect: customer(200) },
  'PATCH /api/v1/company': {
    request: () => ({ url: '/api/v1/company', body: { phone: '+1 555 0199' } }),
    expect: customer(200, ['primary']),
  },
};
