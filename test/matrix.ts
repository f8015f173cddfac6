/**
 * The vocabulary of the authorization matrix (SPEC ): the 12 kinds of caller, the
 * fixture a row builds its request from, and the builders of expected statuses. Each module lists the
 * rows of its routes in `src/modules/<module>/<module>.matrix.ts` (core's in `test/core.matrix.ts`);
 * `test/authorization-matrix.test.ts` merges them, fails on a registered route without a row or a
 * row without a route, and calls every route as every caller.
 */
import type { ProfileRole, StaffRole } from '../src/core/permissions.js';
import type { Auth } from './helpers.js';

export const staffRoles: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'];
export const profileRoles: ProfileRole[] = ['primary', 'advanced', 'secondary'];
/** Every kind of caller: nobody, each role of company A, company B's primary, a disabled profile, each staff role. */
export const actors = ['anonymous', ...profileRoles, 'otherPrimary', 'disabled', ...staffRoles] as const;
export type ActorKey = (typeof actors)[number];
/** The HTTP status each kind of caller must get. */
export type Expect = Record<ActorKey, number>;

/** The rows every matrix case runs on, made afresh for each case (see the matrix test). */
export interface Fixture {
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

/** One route's case: the request (from a fresh fixture) and what each caller gets. */
export interface MatrixRow {
  request: (f: Fixture) => { url: string; body?: unknown };
  expect: Expect;
}

/** Rows keyed by `METHOD /registered/url/:param`, exactly as Fastify lists the route. */
export type MatrixRows = Record<string, MatrixRow>;

// ---- expectation builders -------------------------------------------------------------
const fill = (status: number): Expect => Object.fromEntries(actors.map((a) => [a, status])) as Expect;
/** Same answer for everybody (public routes). */
export const everyone = (status: number) => fill(status);
/** Anyone signed in (customer or staff). */
export const signedIn = (ok: number): Expect => ({ ...fill(ok), anonymous: 401, disabled: 401 });
/**
 * Customer routes: `roles` get `ok`, other roles 403, staff 403. `other` is what the primary of
 * another company gets (404 when the route names company A's row, `ok` when it acts on its own).
 */
export const customer = (ok: number, roles: ProfileRole[] = profileRoles, other = ok): Expect => ({
  ...fill(403),
  anonymous: 401,
  disabled: 401,
  ...Object.fromEntries(profileRoles.map((r) => [r, roles.includes(r) ? ok : 403])),
  otherPrimary: roles.includes('primary') ? other : 403,
});
/** Staff routes: `roles` get `ok`, other staff and every customer 403. */
export const staff = (ok: number, roles: StaffRole[] = staffRoles): Expect => ({
  ...fill(403),
  anonymous: 401,
  disabled: 401,
  ...Object.fromEntries(staffRoles.map((r) => [r, roles.includes(r) ? ok : 403])),
});
export const override = (base: Expect, changes: Partial<Expect>): Expect => ({ ...base, ...changes });

/** A password every policy accepts, for rows that set one. */
export const strongPassword = 'Matrix secret 2026!';
