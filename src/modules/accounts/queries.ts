import type { DbOrTrx } from '../../core/db/index.js';
import type { Profile } from './tables.js';

/** Profiles of one company, primary first, with whether each has an avatar (one query). */
export async function listCompanyProfiles(
  db: DbOrTrx,
  companyId: string,
): Promise<(Profile & { has_avatar: boolean })[]> {
  return db
    .selectFrom('profiles as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('profile_avatars as a').select('a.profile_id').whereRef('a.profile_id', '=', 'p.id'))
        .$castTo<boolean>()
        .as('has_avatar'),
    )
    .where('p.company_id', '=', companyId)
    .orderBy((eb) => eb.case().when('p.role', '=', 'primary').then(0).else(1).end())
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(1000)
    .execute();
}

export async function findProfile(db: DbOrTrx, id: string): Promise<(Profile & { has_avatar: boolean }) | undefined> {
  return db
    .selectFrom('profiles as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('profile_avatars as a').select('a.profile_id').whereRef('a.profile_id', '=', 'p.id'))
        .$castTo<boolean>()
        .as('has_avatar'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();
}
