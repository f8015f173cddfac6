/**
 * The authorization matrix (SPEC ): every registered route × every kind of caller.
 * A route without a row here fails the first test, so each new module must add its rows.
 * Each case runs on fresh fixtures, so a write allowed for one caller cannot change another case.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileRole, StaffRole } from '../src/core/permissions.js';
import { queueMail } from '../src/core/mail/outbox.js';
import { seedMatrixFiles } from './files-helpers.js';
import { Readable } from 'node:stream';
import { createTicket } from '../src/modules/tickets/create-ticket.js';
import { testPassword, uniq } from './factories.js';
import { type Auth, call, setupApp } from './helpers.js';
import { buildCatalogue, buildCompany, buildLicense, sessionFor } from './factories.js';

const { app, ctx } = await setupApp();

const staffRoles: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'];
const profileRoles: ProfileRole[] = ['primary', 'advanced', 'secondary'];
const actors = ['anonymous', ...profileRoles, 'otherPrimary', 'disabled', ...staffRoles] as const;
type ActorKey = (typeof actors)[number];
type Expect = Record<ActorKey, number>;

interface Fixture {
  companyId: string;
  /** Company A's Active license (URL, one module), its Not accepted license, and B's primary. */
  licenseKey: string;
  notAcceptedKey: string;
  moduleId: string;
  module2Id: string;
  productId: string;
  releaseId: string;
  /** A transfer of licenseKey from company A to company B (the other primary), still open. */
  transferId: string;
  otherPrimaryEmail: string;
  profile: Record<ProfileRole, string>;
  staffTargetId: string;
  mailId: string;
  /** F-*: a file in company A's My files; a Cart 4.7.2 package and a 4.7.1 → 4.7.2 upgrade file. */
  companyFileId: string;
  productFileId: string;
  /** T-*: an open ticket of company A (by its primary) with one attachment, and a canned reply. */
  ticketNumber: string;
  attachmentId: string;
  cannedId: string;
  messageCode: string;
  /** E-2: a held inbound message. */
  inboundId: string;
  auth: Record<ActorKey, Auth | null>;
}

interface Row {
  request: (f: Fixture) => { url: string; body?: unknown };
  expect: Expect;
}

// ---- expectation builders -------------------------------------------------------------
const fill = (status: number): Expect => Object.fromEntries(actors.map((a) => [a, status])) as Expect;
/** Same answer for everybody (public routes). */
const everyone = (status: number) => fill(status);
/** Anyone signed in (customer or staff). */
const signedIn = (ok: number): Expect => ({ ...fill(ok), anonymous: 401, disabled: 401 });
/**
 * Customer routes: `roles` get `ok`, other roles 403, staff 403. `other` is what the primary of
 * another company gets (404 when the route names company A's row, `ok` when it acts on its own).
 */
const customer = (ok: number, roles: ProfileRole[] = profileRoles, other = ok): Expect => ({
  ...fill(403),
  anonymous: 401,
  disabled: 401,
  ...Object.fromEntries(profileRoles.map((r) => [r, roles.includes(r) ? ok : 403])),
  otherPrimary: roles.includes('primary') ? other : 403,
});
const staff = (ok: number, roles: StaffRole[] = staffRoles): Expect => ({
  ...fill(403),
  anonymous: 401,
  disabled: 401,
  ...Object.fromEntries(staffRoles.map((r) => [r, roles.includes(r) ? ok : 403])),
});
const override = (base: Expect, changes: Partial<Expect>): Expect => ({ ...base, ...changes });

const strong = 'Matrix secret 2026!';
/** Staff roles that work tickets (A-10; content staff do not). */
const ticketStaff: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'admin'];
const hex64 = 'ab'.repeat(32);
const uuid = '00000000-0000-4000-8000-000000000000';

// ---- the table ------------------------------------------------------------------------
const matrix: Record<string, Row> = {
  'GET /healthz': { request: () => ({ url: '/healthz' }), expect: everyone(200) },
  'GET /readyz': { request: () => ({ url: '/readyz' }), expect: everyone(200) },

  'POST /api/v1/auth/signup': {
    request: () => ({
      url: '/api/v1/auth/signup',
      body: { companyName: 'M', name: 'Mo Tester', email: `m-${uniq()}@example.com`, password: strong },
    }),
    expect: everyone(201),
  },
  'POST /api/v1/auth/login': {
    request: () => ({ url: '/api/v1/auth/login', body: { email: `nobody-${uniq()}@example.com`, password: strong } }),
    expect: everyone(401),
  },
  'POST /api/v1/staff/auth/login': {
    request: () => ({
      url: '/api/v1/staff/auth/login',
      body: { email: `nobody-${uniq()}@example.com`, password: strong },
    }),
    expect: everyone(401),
  },
  'POST /api/v1/auth/logout': { request: () => ({ url: '/api/v1/auth/logout' }), expect: signedIn(204) },
  'POST /api/v1/auth/password-reset': {
    request: () => ({ url: '/api/v1/auth/password-reset', body: { email: `nobody-${uniq()}@example.com` } }),
    expect: everyone(202),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    request: () => ({ url: '/api/v1/auth/password-reset/confirm', body: { token: 'x'.repeat(40), password: strong } }),
    expect: everyone(400),
  },
  'GET /api/v1/me': { request: () => ({ url: '/api/v1/me' }), expect: signedIn(200) },
  'POST /api/v1/me/password': {
    request: () => ({ url: '/api/v1/me/password', body: { currentPassword: testPassword, newPassword: strong } }),
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

  'GET /api/v1/profiles': { request: () => ({ url: '/api/v1/profiles' }), expect: customer(200) },
  'POST /api/v1/profiles': {
    request: () => ({
      url: '/api/v1/profiles',
      body: { email: `n-${uniq()}@example.com`, name: 'Nia New', role: 'secondary', password: strong },
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

  'GET /api/v1/tickets/options': { request: () => ({ url: '/api/v1/tickets/options' }), expect: customer(200) },
  'GET /api/v1/tickets': { request: () => ({ url: '/api/v1/tickets' }), expect: customer(200) },
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

  'GET /api/v1/files/tickets': { request: () => ({ url: '/api/v1/files/tickets?sort=size' }), expect: customer(200) },

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

  'GET /api/v1/staff/users': { request: () => ({ url: '/api/v1/staff/users' }), expect: staff(200, ['admin']) },
  'POST /api/v1/staff/users': {
    request: () => ({
      url: '/api/v1/staff/users',
      body: { email: `s-${uniq()}@vendor.example`, name: 'Stu Staff', role: 'agent', password: strong },
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

// ---- fixtures ---------------------------------------------------------------------------
async function fixture(): Promise<Fixture> {
  const now = ctx.clock.now();
  const a = await buildCompany(ctx);
  const b = await buildCompany(ctx);
  await ctx.db
    .insertInto('profile_avatars')
    .values({
      profile_id: a.secondary.id,
      content: Buffer.from('RIFF0000WEBP'),
      media_type: 'image/webp',
      updated_at: now,
    })
    .execute();
  // A disabled profile whose session was not revoked: the status check itself must refuse it.
  const disabled = await ctx.db
    .insertInto('profiles')
    .values({
      company_id: a.id,
      role: 'secondary',
      email: `d-${uniq()}@example.com`,
      name: 'Dee Disabled',
      status: 'disabled',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staffAuth: Partial<Record<ActorKey, Auth>> = {};
  for (const role of staffRoles) {
    const u = await ctx.db
      .insertInto('staff_users')
      .values({
        email: `${role}-${uniq()}@vendor.example`,
        name: `Staff ${role}`,
        role,
        password_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    staffAuth[role] = await sessionFor(ctx, { staffId: u.id });
  }
  // Staff passwords: the /me/password row needs the current password to be the test password.
  await ctx.db
    .updateTable('staff_users')
    .set({
      password_hash: (
        await ctx.db
          .selectFrom('profiles')
          .select('password_hash')
          .where('id', '=', a.primary.id)
          .executeTakeFirstOrThrow()
      ).password_hash,
    })
    .where('password_hash', 'is', null)
    .execute();
  const target = await ctx.db
    .insertInto('staff_users')
    .values({
      email: `target-${uniq()}@vendor.example`,
      name: 'Target Staff',
      role: 'agent',
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queueMail(ctx.db, { to: a.primary.email, subject: 'Matrix', text: 'Hello', kind: 'test' }, now);
  const cat = await buildCatalogue(ctx);
  const license = await buildLicense(ctx, a.id, cat, { url: 'https://matrix.example.com', modules: [cat.moduleId] });
  const notAccepted = await buildLicense(ctx, a.id, cat, { state: 'not_accepted' });
  // The open transfer is of a license of its own: an open transfer freezes its license's URL (L-7).
  const inTransfer = await buildLicense(ctx, a.id, cat);
  const transfer = await ctx.db
    .insertInto('license_transfers')
    .values({
      license_id: inTransfer.id,
      from_company_id: a.id,
      to_company_id: b.id,
      to_email: b.primary.email,
      state: 'requested',
      requested_by: a.primary.id,
      requested_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const release = await ctx.db
    .selectFrom('releases')
    .select('id')
    .where('product_id', '=', cat.productId)
    .executeTakeFirstOrThrow();
  const mail = await ctx.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('to_address', '=', a.primary.email)
    .executeTakeFirstOrThrow();
  const ticket = await createTicket(
    ctx,
    {
      kind: 'profile',
      id: a.primary.id,
      companyId: a.id,
      role: 'primary',
      email: a.primary.email,
      name: a.primary.name,
    },
    { type: 'generic', licenses: [], priority: 'normal', hotrush: false, title: 'Matrix ticket', message: 'Hello' },
    [
      {
        name: 'log.txt',
        mediaType: 'text/plain',
        stored: await ctx.storage.put(Readable.from([Buffer.from('log line')]), { maxBytes: 1000, prefix: 'tickets' }),
      },
    ],
  );
  const attachment = await ctx.db
    .selectFrom('ticket_attachments')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  const canned = await ctx.db
    .insertInto('canned_replies')
    .values({ title: 'Matrix', body: 'Hello', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inbound = await ctx.db
    .insertInto('inbound_mail')
    .values({
      received_at: now,
      via: 'pipe',
      raw: Buffer.from('From: x@example.com\r\n\r\nHi'),
      size: 30,
      state: 'held',
      reason: 'Unknown sender.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    companyId: a.id,
    inboundId: inbound.id,
    messageCode: (
      await ctx.db
        .selectFrom('ticket_messages')
        .select('message_code')
        .where('ticket_id', '=', ticket.id)
        .executeTakeFirstOrThrow()
    ).message_code,
    ticketNumber: ticket.number,
    attachmentId: attachment.id,
    cannedId: canned.id,
    licenseKey: license.key,
    notAcceptedKey: notAccepted.key,
    moduleId: cat.moduleId,
    module2Id: cat.module2Id,
    productId: cat.productId,
    releaseId: release.id,
    transferId: transfer.id,
    otherPrimaryEmail: b.primary.email,
    profile: { primary: a.primary.id, advanced: a.advanced.id, secondary: a.secondary.id },
    staffTargetId: target.id,
    mailId: String(mail.id),
    ...(await seedMatrixFiles(ctx, a, cat.productId)),
    auth: {
      anonymous: null,
      primary: a.primary.auth,
      advanced: a.advanced.auth,
      secondary: a.secondary.auth,
      otherPrimary: b.primary.auth,
      disabled: await sessionFor(ctx, { profileId: disabled.id }),
      ...(staffAuth as Record<StaffRole, Auth>),
    },
  };
}

const apiRoutes = () =>
  app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1') || r.url === '/healthz' || r.url === '/readyz');

describe('authorization matrix', () => {
  it('A-2 every registered route has a row in the matrix and an access policy, and every row a route', () => {
    const registered = apiRoutes().map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((k) => !(k in matrix));
    expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
    expect(
      apiRoutes()
        .filter((r) => !r.hasAccess)
        .map((r) => `${r.method} ${r.url}`),
      'routes without an access policy',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((k) => !registered.includes(k)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  for (const [key, row] of Object.entries(matrix)) {
    it(`A-2 ${key}`, async () => {
      const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const failures: string[] = [];
      for (const actor of actors) {
        const f = await fixture();
        const req = row.request(f);
        const res = await call(app, f.auth[actor], method, req.url, req.body);
        if (res.statusCode !== row.expect[actor])
          failures.push(`${actor}: expected ${row.expect[actor]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
          failures.push(`${actor}: ${res.statusCode} without problem+json`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
