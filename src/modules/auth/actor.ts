import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';

export function asProfileOrStaff(actor: Actor): ProfileActor | StaffActor {
  if (actor.kind === 'profile' || actor.kind === 'staff') return actor;
  throw new AppError('unauthenticated');
}
