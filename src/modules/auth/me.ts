import type { Actor } from '../../core/audit.js';
import type { Db } from '../../core/db/index.js';
import { AppError } from '../../core/errors.js';
import {
  portalSections,
  profileHas,
  profilePermissions,
  staffHas,
  staffPermissions,
  staffSections,
} from '../../core/permissions.js';
import { companyNames } from '../accounts/index.js';
import type { Me } from './schemas.js';

/** GET /api/v1/me: who is signed in, with the permissions and sections of A-2 the UI reads. */
export async function loadMe(db: Db, actor: Actor, csrfToken: string | null): Promise<Me> {
  if (actor.kind === 'profile') {
    const name = (await companyNames(db, [actor.companyId])).get(actor.companyId) ?? '';
    const company = { id: actor.companyId, name };
    return {
      kind: 'profile',
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      company,
      permissions: profilePermissions(actor.role),
      sections: portalSections.filter((s) => profileHas(actor.role, s.permission)).map((s) => s.key),
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
      permissions: staffPermissions(actor.role),
      sections: staffSections.filter((s) => staffHas(actor.role, s.permission)).map((s) => s.key),
      csrfToken,
    };
  }
  throw new AppError('unauthenticated');
}
