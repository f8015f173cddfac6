import type { Actor } from './audit.js';
import { AppError } from './errors.js';
import { type ProfilePermission, profileHas, type StaffPermission, staffHas } from './permissions.js';

/**
 * Who may call a route. Every route declares one (`config.access`) from its module's policy.ts;
 * a route without one is refused for everybody, and fails the authorization-matrix test.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'profile'; permission: ProfilePermission }
  | { kind: 'staff'; permission: StaffPermission };

export const access = {
  public: { kind: 'public' } as Access,
  signedIn: { kind: 'signed-in' } as Access,
  profile: (permission: ProfilePermission): Access => ({ kind: 'profile', permission }),
  staff: (permission: StaffPermission): Access => ({ kind: 'staff', permission }),
};

export type ProfileActor = Extract<Actor, { kind: 'profile' }>;
export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** Throws 401/403 unless the actor passes the route's access rule. */
export function enforceAccess(rule: Access | undefined, actor: Actor): void {
  if (!rule) throw new AppError('forbidden', 'This route has no access policy.');
  if (rule.kind === 'public') return;
  if (actor.kind === 'anonymous' || actor.kind === 'system') throw new AppError('unauthenticated');
  if (rule.kind === 'signed-in') return;
  if (rule.kind === 'profile') {
    if (actor.kind !== 'profile' || !profileHas(actor.role, rule.permission)) throw new AppError('forbidden');
    return;
  }
  if (actor.kind !== 'staff' || !staffHas(actor.role, rule.permission)) throw new AppError('forbidden');
}

/** Narrows the request's actor for a handler whose route already required a profile. */
export function asProfile(actor: Actor): ProfileActor {
  if (actor.kind !== 'profile') throw new AppError('forbidden');
  return actor;
}

export function asStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('forbidden');
  return actor;
}
