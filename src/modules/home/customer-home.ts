import type { DbOrTrx } from '../../core/db/index.js';
import { profileHas } from '../../core/permissions.js';
import type { ProfileActor } from '../../core/policy.js';
import { countRecentSecurityPatches } from '../files/index.js';
import { licensesNeedingAction, listEntitlements, newReleasesForCompany } from '../licenses/index.js';
import { customerTicketCounts } from '../tickets/index.js';
import type { HomeSummary } from './schemas.js';

/** How far back "new" releases and security patches go on the home page. */
export const updatesWindowDays = 30;

/**
 * The customer home page (issue 11): each number from its owner module's index, each part only for
 * a role that may act on it. Every query is per company through an index: the open-ticket
 * partial index, the company's licenses, releases and security patches per product.
 */
export async function customerHome(db: DbOrTrx, actor: ProfileActor, now: Date): Promise<HomeSummary> {
  const since = new Date(now.getTime() - updatesWindowDays * 86_400_000);
  const sinceDay = since.toISOString().slice(0, 10);
  const [tickets, licenses, updates] = await Promise.all([
    profileHas(actor.role, 'tickets.use') ? customerTicketCounts(db, actor.companyId) : null,
    profileHas(actor.role, 'licenses.manage') ? licensesNeedingAction(db, actor.companyId) : null,
    profileHas(actor.role, 'files.product') ? productUpdates(db, actor.companyId, since, sinceDay) : null,
  ]);
  return { tickets, licenses, updates };
}

async function productUpdates(db: DbOrTrx, companyId: string, since: Date, sinceDay: string) {
  const [releases, entitled] = await Promise.all([
    newReleasesForCompany(db, companyId, sinceDay),
    listEntitlements(db, companyId),
  ]);
  const securityPatches = await countRecentSecurityPatches(
    db,
    entitled.map((e) => e.productId),
    since,
  );
  return { since: sinceDay, newReleases: releases.length, securityPatches, latest: releases.slice(0, 5) };
}
