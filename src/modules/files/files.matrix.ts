/**
 * The authorization-matrix rows of the files module's routes (My files, product files, packs).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { customer, profileRoles, staff, type MatrixRows } from '../../../test/matrix.js';

export const filesMatrix: MatrixRows = {
  'GET /api/v1/files/tree': { request: () => ({ url: '/api/v1/files/tree' }), expect: customer(200) },
  'GET /api/v1/files/company': {
    request: () => ({ url: '/api/v1/files/company?sort=size&order=desc' }),
    expect: customer(200),
  },
  // Without a multipart body the caller gets past the policy and is told the media type is wrong.
  'POST /api/v1/files/company': { request: () => ({ url: '/api/v1/files/company' }), expect: customer(415) },
  'GET /api/v1/files/company/:id/download': {
    request: (f) => ({ url: `/api/v1/files/company/${f.companyFileId}/download` }),
    expect: customer(200, profileRoles, 404),
  },
  'PATCH /api/v1/files/company/:id': {
    request: (f) => ({ url: `/api/v1/files/company/${f.companyFileId}`, body: { description: 'Matrix' } }),
    expect: customer(200, profileRoles, 404),
  },
  'DELETE /api/v1/files/company/:id': {
    request: (f) => ({ url: `/api/v1/files/company/${f.companyFileId}` }),
    expect: customer(204, profileRoles, 404),
  },
  'GET /api/v1/files/products/:productId': {
    request: (f) => ({ url: `/api/v1/files/products/${f.productId}?version=4.7.2` }),
    expect: customer(200, ['primary', 'advanced'], 404),
  },
  'GET /api/v1/files/product-files/:id/download': {
    request: (f) => ({ url: `/api/v1/files/product-files/${f.productFileId}/download` }),
    expect: customer(200, ['primary', 'advanced'], 404),
  },
  'GET /api/v1/files/security-patches': {
    request: () => ({ url: '/api/v1/files/security-patches' }),
    expect: customer(200, ['primary', 'advanced']),
  },
  'GET /api/v1/files/upgrade-packs': {
    request: (f) => ({ url: `/api/v1/files/upgrade-packs?licenseKey=${f.licenseKey}` }),
    expect: customer(200, ['primary', 'advanced'], 404),
  },
  'POST /api/v1/files/upgrade-packs': {
    request: (f) => ({
      url: '/api/v1/files/upgrade-packs',
      body: { licenseKey: f.licenseKey, fromVersion: '4.7.1', toVersion: '4.7.2', format: 'zip' },
    }),
    expect: customer(200, ['primary', 'advanced'], 404),
  },
  'GET /api/v1/staff/files/product-files': {
    request: () => ({ url: '/api/v1/staff/files/product-files?limit=5' }),
    expect: staff(200, ['content', 'admin']),
  },
  'POST /api/v1/staff/files/product-files': {
    request: () => ({ url: '/api/v1/staff/files/product-files' }),
    expect: staff(415, ['content', 'admin']),
  },
  'DELETE /api/v1/staff/files/product-files/:id': {
    request: (f) => ({ url: `/api/v1/staff/files/product-files/${f.productFileId}` }),
    expect: staff(204, ['content', 'admin']),
  },
  'GET /api/v1/staff/files/companies/:companyId': {
    request: (f) => ({ url: `/api/v1/staff/files/companies/${f.companyId}` }),
    expect: staff(200, ['content', 'admin']),
  },
  'POST /api/v1/staff/files/companies/:companyId': {
    request: (f) => ({ url: `/api/v1/staff/files/companies/${f.companyId}` }),
    expect: staff(415, ['content', 'admin']),
  },
  'GET /api/v1/files/tickets': { request: () => ({ url: '/api/v1/files/tickets?sort=size' }), expect: customer(200) },
};
