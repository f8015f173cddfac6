import type { Actor } from '../../core/audit.js';
import type { Db } from '../../core/db/index.js';
import { AppError } from '../../core/errors.js';
import { profileHas, profilePermissions, staffHas, staffPermissions } from '../../core/permissions.js';
import { type ModuleDescriptor, sectionsOf } from '../../core/module.js';
import { companyNames, profileCredentials } from '../accounts/index.js';
import { staffCredentials } from '../staff/index.js';
import type { Me } from './schemas.js';

/**
 * GET /api/v1/me: who is signed in, with the permissions of and the sections of the built
 * modules that the person may use (the UI shows only those), and the person's own time zone setting
 * (null: not set, the UI shows times in the browser's zone).
 */
export async function loadMe(
  db: Db,
  modules: readonly ModuleDescriptor[],
  actor: Actor,
  csrfToken: string | null,
): Promise<Me> {
  if (actor.kind === 'profile') {
    const name = (await companyNames(db, [actor.companyId])).get(actor.companyId) ?? '';
    const timeZone = await profileCredentials.timeZone(db, actor.id);
    const company = { id: actor.companyId, name };
    return {
      kind: 'profile',
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      company,
      timeZone,
      permissions: profilePermissions(actor.role),
      sections: sectionsOf(modules, 'portal')
        .filter((s) => profileHas(actor.role, s.permission))
        .map((s) => s.key),
      csrfToken,
    };
  }
  if (actor.kind === 'staff') {
    return {
      kind: 'staff',
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      company: null,
      timeZone: await staffCredentials.timeZone(db, actor.id),
      permissions: staffPermissions(actor.role),
      sections: sectionsOf(modules, 'staff')
        .filter((s) => staffHas(actor.role, s.permission))
        .map((s) => s.key),
      csrfToken,
    };
  }
  throw new AppError('unauthenticated');
}
