import type { Profile } from './tables.js';
import { AppError, notFound } from '../../core/errors.js';
import { profileHas } from '../../core/permissions.js';
import { access, type ProfileActor } from '../../core/policy.js';

/** Who may call each route of the accounts module (A-2 rows "Profiles"; ). */
export const accountsPolicy = {
  listProfiles: access.profile('profiles.view'),
  getProfile: access.profile('profiles.view'),
  createProfile: access.profile('profiles.manage'),
  updateProfile: access.profile('profiles.view'), // self; others need profiles.manage (below)
  disableProfile: access.profile('profiles.manage'),
  reRegisterProfile: access.profile('profiles.manage'),
  unlockProfile: access.profile('profiles.manage'),
  setAvatar: access.profile('profiles.view'), // self only (below)
  deleteAvatar: access.profile('profiles.view'),
  getAvatar: access.profile('profiles.view'),
  getCompany: access.profile('profiles.view'),
  updateCompany: access.profile('company.manage'),
};

/** A profile of another company does not exist for the caller (404, never 403: no leak). */
export function assertSameCompany(
  actor: ProfileActor,
  profile: Pick<Profile, 'company_id'> | undefined,
): asserts profile {
  if (!profile || profile.company_id !== actor.companyId) throw notFound('This profile');
}

/** Editing: oneself always; another profile of the company only with profiles.manage (the primary). */
export function assertCanEdit(actor: ProfileActor, target: Pick<Profile, 'id' | 'company_id'>): void {
  assertSameCompany(actor, target);
  if (target.id !== actor.id && !profileHas(actor.role, 'profiles.manage')) {
    throw new AppError('forbidden', 'Only the company owner can edit other profiles.');
  }
}

/** Disable / re-register: the primary, on a profile that is not the primary itself. */
export function assertCanManageOther(actor: ProfileActor, target: Pick<Profile, 'id' | 'company_id' | 'role'>): void {
  assertSameCompany(actor, target);
  if (!profileHas(actor.role, 'profiles.manage')) throw new AppError('forbidden');
  if (target.role === 'primary') {
    throw new AppError('unprocessable', 'The company owner (primary profile) cannot be disabled or re-registered.');
  }
}

/** Only the person can change their own picture; another company's profile does not exist (404). */
export function assertSelf(actor: ProfileActor, target: Pick<Profile, 'id' | 'company_id'> | undefined): void {
  assertSameCompany(actor, target);
  if (actor.id !== target.id) throw new AppError('forbidden', 'You can only change your own picture.');
}
