/**
 * The authorization-matrix rows of the licenses module's routes (customer, public check, staff).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { customer, everyone, profileRoles, signedIn, staff, type MatrixRows } from '../../../test/matrix.js';

export const licensesMatrix: MatrixRows = {
  'GET /api/v1/licenses': { request: () => ({ url: '/api/v1/licenses' }), expect: customer(200) },
  'GET /api/v1/licenses/:key': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}` }),
    expect: customer(200, profileRoles, 404),
  },
  'PATCH /api/v1/licenses/:key': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}`, body: { holderStatus: 'Test' } }),
    expect: customer(200, profileRoles, 404),
  },
  'GET /api/v1/licenses/:key/history': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}/history` }),
    expect: customer(200, profileRoles, 404),
  },
  'GET /api/v1/licenses/:key/agreement': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}/agreement` }),
    expect: customer(200, profileRoles, 404),
  },
  'POST /api/v1/licenses/:key/accept': {
    request: (f) => ({ url: `/api/v1/licenses/${f.notAcceptedKey}/accept`, body: { agree: true } }),
    expect: customer(200, ['primary'], 404),
  },
  'POST /api/v1/licenses/:key/register': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}/register` }),
    expect: customer(200, ['primary'], 404),
  },
  'POST /api/v1/licenses/:key/url': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}/url`, body: { url: 'https://matrix.example.com/shop' } }),
    expect: customer(200, ['primary'], 404),
  },
  // No change waits for its fee: the primary passes the policy and is told so.
  'DELETE /api/v1/licenses/:key/url-change': {
    request: (f) => ({ url: `/api/v1/licenses/${f.licenseKey}/url-change` }),
    expect: customer(404, ['primary'], 404),
  },
  'POST /api/v1/licenses/:key/transfers': {
    request: (f) => ({
      url: `/api/v1/licenses/${f.notAcceptedKey}/transfers`,
      body: { to: 'existing', email: f.otherPrimaryEmail },
    }),
    expect: customer(201, ['primary'], 404),
  },
  'POST /api/v1/licenses/:key/module-transfers': {
    request: (f) => ({
      url: `/api/v1/licenses/${f.licenseKey}/module-transfers`,
      body: { productId: f.moduleId, targetKey: f.notAcceptedKey },
    }),
    expect: customer(200, ['primary'], 404),
  },
  'GET /api/v1/license-transfers': {
    request: () => ({ url: '/api/v1/license-transfers' }),
    expect: customer(200, ['primary']),
  },
  // Only the receiving primary (company B) accepts or declines; only the sender cancels.
  'POST /api/v1/license-transfers/:id/accept': {
    request: (f) => ({ url: `/api/v1/license-transfers/${f.transferId}/accept` }),
    expect: customer(404, ['primary'], 200),
  },
  'POST /api/v1/license-transfers/:id/decline': {
    request: (f) => ({ url: `/api/v1/license-transfers/${f.transferId}/decline` }),
    expect: customer(404, ['primary'], 200),
  },
  'POST /api/v1/license-transfers/:id/cancel': {
    request: (f) => ({ url: `/api/v1/license-transfers/${f.transferId}/cancel` }),
    expect: customer(200, ['primary'], 404),
  },
  'GET /api/v1/products/:id/releases': {
    request: (f) => ({ url: `/api/v1/products/${f.productId}/releases` }),
    expect: signedIn(200),
  },
  'POST /api/v1/licenses/validate': {
    request: (f) => ({
      url: '/api/v1/licenses/validate',
      body: { key: f.licenseKey, url: 'https://matrix.example.com' },
    }),
    expect: everyone(200),
  },
  'POST /api/v1/licenses/license-file': {
    request: (f) => ({ url: '/api/v1/licenses/license-file', body: { key: f.licenseKey } }),
    expect: everyone(200),
  },
  'GET /api/v1/licenses/public-key': { request: () => ({ url: '/api/v1/licenses/public-key' }), expect: everyone(200) },
  'GET /api/v1/staff/licenses': {
    request: (f) => ({ url: `/api/v1/staff/licenses?companyId=${f.companyId}` }),
    expect: staff(200),
  },
  'POST /api/v1/staff/licenses': {
    request: (f) => ({ url: '/api/v1/staff/licenses', body: { companyId: f.companyId, productId: f.productId } }),
    expect: staff(201, ['billing', 'sales', 'admin']),
  },
  'GET /api/v1/staff/licenses/:key': {
    request: (f) => ({ url: `/api/v1/staff/licenses/${f.licenseKey}` }),
    expect: staff(200),
  },
  'GET /api/v1/staff/licenses/:key/history': {
    request: (f) => ({ url: `/api/v1/staff/licenses/${f.licenseKey}/history` }),
    expect: staff(200),
  },
  'POST /api/v1/staff/licenses/:key/:action': {
    request: (f) => ({ url: `/api/v1/staff/licenses/${f.licenseKey}/revoke` }),
    expect: staff(200, ['billing', 'sales', 'admin']),
  },
  'POST /api/v1/staff/licenses/:key/modules': {
    request: (f) => ({ url: `/api/v1/staff/licenses/${f.licenseKey}/modules`, body: { productId: f.module2Id } }),
    expect: staff(200, ['billing', 'sales', 'admin']),
  },
  'POST /api/v1/staff/licenses/:key/subscriptions': {
    request: (f) => ({
      url: `/api/v1/staff/licenses/${f.licenseKey}/subscriptions`,
      body: { name: 'Updates', expiresAt: '2027-01-01T00:00:00Z' },
    }),
    expect: staff(200, ['billing', 'sales', 'admin']),
  },
  'POST /api/v1/staff/licenses/:key/url-change/waive': {
    request: (f) => ({ url: `/api/v1/staff/licenses/${f.licenseKey}/url-change/waive` }),
    expect: staff(404, ['billing', 'sales', 'admin']),
  },
  'GET /api/v1/staff/license-transfers': {
    request: () => ({ url: '/api/v1/staff/license-transfers' }),
    expect: staff(200),
  },
  // The fixture's transfer goes to an existing customer, who accepts it: staff get past the policy and are told so.
  'POST /api/v1/staff/license-transfers/:id/approve': {
    request: (f) => ({ url: `/api/v1/staff/license-transfers/${f.transferId}/approve` }),
    expect: staff(422, ['billing', 'sales', 'admin']),
  },
  'GET /api/v1/staff/products': { request: () => ({ url: '/api/v1/staff/products' }), expect: staff(200) },
  'POST /api/v1/staff/products/:id/releases': {
    request: (f) => ({
      url: `/api/v1/staff/products/${f.productId}/releases`,
      body: { version: '9.0.0', branch: '9.0', releasedOn: '2026-03-01' },
    }),
    expect: staff(201, ['content', 'admin']),
  },
  'PATCH /api/v1/staff/releases/:id': {
    request: (f) => ({ url: `/api/v1/staff/releases/${f.releaseId}`, body: { notes: 'Matrix' } }),
    expect: staff(200, ['content', 'admin']),
  },
  'DELETE /api/v1/staff/releases/:id': {
    request: (f) => ({ url: `/api/v1/staff/releases/${f.releaseId}` }),
    expect: staff(204, ['content', 'admin']),
  },
};
