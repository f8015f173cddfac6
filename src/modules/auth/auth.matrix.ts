/**
 * The authorization-matrix rows of the auth module's routes (sign-up, log-in, sessions, tokens).
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { testPassword, uniq } from '../../../test/factories.js';
import { everyone, signedIn, strongPassword, type MatrixRows } from '../../../test/matrix.js';

const hex64 = 'ab'.repeat(32);
const uuid = '00000000-0000-4000-8000-000000000000';

export const authMatrix: MatrixRows = {
  'POST /api/v1/auth/signup': {
    request: () => ({
      url: '/api/v1/auth/signup',
      body: { companyName: 'M', name: 'Mo Tester', email: `m-${uniq()}@example.com`, password: strongPassword },
    }),
    expect: everyone(201),
  },
  'POST /api/v1/auth/confirm-email': {
    request: () => ({ url: '/api/v1/auth/confirm-email', body: { token: 'x'.repeat(40) } }),
    expect: everyone(400),
  },
  'POST /api/v1/auth/confirm-email/resend': {
    request: () => ({ url: '/api/v1/auth/confirm-email/resend', body: { email: `nobody-${uniq()}@example.com` } }),
    expect: everyone(202),
  },
  'POST /api/v1/auth/login': {
    request: () => ({
      url: '/api/v1/auth/login',
      body: { email: `nobody-${uniq()}@example.com`, password: strongPassword },
    }),
    expect: everyone(401),
  },
  'POST /api/v1/staff/auth/login': {
    request: () => ({
      url: '/api/v1/staff/auth/login',
      body: { email: `nobody-${uniq()}@example.com`, password: strongPassword },
    }),
    expect: everyone(401),
  },
  'POST /api/v1/auth/logout': { request: () => ({ url: '/api/v1/auth/logout' }), expect: signedIn(204) },
  'POST /api/v1/auth/password-reset': {
    request: () => ({ url: '/api/v1/auth/password-reset', body: { email: `nobody-${uniq()}@example.com` } }),
    expect: everyone(202),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    request: () => ({
      url: '/api/v1/auth/password-reset/confirm',
      body: { token: 'x'.repeat(40), password: strongPassword },
    }),
    expect: everyone(400),
  },
  'GET /api/v1/auth/session': { request: () => ({ url: '/api/v1/auth/session' }), expect: everyone(200) },
  'GET /api/v1/me': { request: () => ({ url: '/api/v1/me' }), expect: signedIn(200) },
  'POST /api/v1/me/password': {
    request: () => ({
      url: '/api/v1/me/password',
      body: { currentPassword: testPassword, newPassword: strongPassword },
    }),
    expect: signedIn(200),
  },
  'GET /api/v1/me/sessions': { request: () => ({ url: '/api/v1/me/sessions' }), expect: signedIn(200) },
  'DELETE /api/v1/me/sessions/:id': { request: () => ({ url: `/api/v1/me/sessions/${hex64}` }), expect: signedIn(404) },
  'GET /api/v1/me/tokens': { request: () => ({ url: '/api/v1/me/tokens' }), expect: signedIn(200) },
  'POST /api/v1/me/tokens': {
    request: () => ({ url: '/api/v1/me/tokens', body: { name: 'matrix' } }),
    expect: signedIn(201),
  },
  'DELETE /api/v1/me/tokens/:id': { request: () => ({ url: `/api/v1/me/tokens/${uuid}` }), expect: signedIn(404) },
};
