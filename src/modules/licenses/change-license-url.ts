import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { License } from './tables.js';
import { AppError, invalid, isUniqueViolation, notFound } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { classifyUrlChange, parseStoreUrl, type StoreUrl } from './license-url.js';
import { appendLicenseLog } from '../tickets/index.js';
import { findCompanyLicense, findLicenseByKey } from './queries.js';
import { licenseChangeBlocked } from './policy.js';

export interface UrlChangeOutcome {
  change: 'first' | 'folder' | 'subdomain' | 'domain';
  state: 'applied' | 'fee_due';
  fee: boolean;
  license: License;
}

async function applyUrl(
  trx: Trx,
  l: License,
  to: StoreUrl,
  now: Date,
  extra: { free_domain_change_used?: boolean } = {},
): Promise<License> {
  return trx
    .updateTable('licenses')
    .set({ url: to.url, host: to.host, registrable_domain: to.registrableDomain, updated_at: now, ...extra })
    .where('id', '=', l.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * L-5: change a license's URL. A folder or third-level domain change is free and unlimited; a
 * change of registrable domain is free before the first registration (L-4), free once after it,
 * and from then on waits for the license renewal fee ("fee due": billing will invoice it, B-3;
 * until then staff can waive it). A domain change needs the 48-hour removal acknowledgement.
 * Every change is recorded in the license history (L-6).
 */
export async function changeLicenseUrl(
  ctx: AppContext,
  actor: ProfileActor,
  key: string,
  input: { url: string; acknowledgeRemoval?: boolean },
): Promise<UrlChangeOutcome> {
  const to = parseStoreUrl(input.url, 'url');
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const l = await findCompanyLicense(trx, actor.companyId, key, true);
      const blocked = await licenseChangeBlocked(trx, l, 'change its URL', {
        feeDue: (toUrl) => `A change to ${toUrl} is waiting for its renewal fee. Cancel it before asking for another.`,
        openTransfer: (toEmail) =>
          `A transfer of this license to ${toEmail} is open. Cancel it before changing the URL.`,
      });
      if (blocked) throw blocked;
      const kind = l.url ? classifyUrlChange(parseStoreUrl(l.url), to) : 'first';
      if (kind === 'same') throw invalid({ field: 'url', message: 'This is already the address of the license.' });
      if (kind === 'domain' && input.acknowledgeRemoval !== true) {
        throw invalid({
          field: 'acknowledgeRemoval',
          message: `Confirm that you will remove the software from ${l.url} within 48 hours.`,
        });
      }
      const needsFee = kind === 'domain' && l.registered_at !== null && l.free_domain_change_used;
      const usesFreeChange = kind === 'domain' && l.registered_at !== null && !l.free_domain_change_used;
      await trx
        .insertInto('license_url_changes')
        .values({
          license_id: l.id,
          from_url: l.url,
          to_url: to.url,
          change_kind: kind,
          state: needsFee ? 'fee_due' : 'applied',
          requested_by: actor.id,
          requested_at: now,
          resolved_at: needsFee ? null : now,
        })
        .execute();
      let after = l;
      const log = (text: string) => appendLicenseLog(trx, { id: l.id, key: l.key, companyId: l.company_id }, text, now);
      if (needsFee) {
        await recordLicenseEvent(trx, {
          licenseId: l.id,
          companyId: l.company_id,
          kind: 'url-change-fee-due',
          actor,
          at: now,
          detail: { from: l.url, to: to.url },
        });
        await log(
          `${actor.name} asked to change the URL from ${l.url} to ${to.url}. The free change of domain is used, so the change waits for the license renewal fee.`,
        );
      } else {
        after = await applyUrl(trx, l, to, now, usesFreeChange ? { free_domain_change_used: true } : {});
        await recordLicenseEvent(trx, {
          licenseId: l.id,
          companyId: l.company_id,
          kind: 'url-changed',
          actor,
          at: now,
          detail: { from: l.url, to: to.url, change: kind, freeDomainChangeUsed: usesFreeChange },
        });
        const why = {
          first: 'first address',
          folder: 'new folder, free',
          subdomain: 'new third-level domain, free',
          domain: usesFreeChange
            ? 'new domain: the one free change after registration'
            : 'new domain, free before registration',
        }[kind];
        await log(
          kind === 'first'
            ? `${actor.name} set the URL to ${to.url}.`
            : `${actor.name} changed the URL from ${l.url} to ${to.url} (${why}).`,
        );
      }
      await recordAudit(trx, {
        actor,
        action: needsFee ? 'license.url-change-requested' : 'license.url-changed',
        entity: 'license',
        entityId: l.id,
        before: { url: l.url },
        after: { url: to.url, change: kind },
        at: now,
      });
      return { change: kind, state: needsFee ? 'fee_due' : 'applied', fee: needsFee, license: after };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'license_url_changes_one_due'))
      throw new AppError('conflict', 'Another URL change of this license is already waiting for its fee.');
    throw e;
  }
}

/** L-5: the holder withdraws a change that waits for its fee. */
export async function cancelUrlChange(ctx: AppContext, actor: ProfileActor, key: string): Promise<License> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findCompanyLicense(trx, actor.companyId, key, true);
    const c = await trx
      .updateTable('license_url_changes')
      .set({ state: 'cancelled', resolved_at: now })
      .where('license_id', '=', l.id)
      .where('state', '=', 'fee_due')
      .returning(['to_url'])
      .executeTakeFirst();
    if (!c) throw notFound('A URL change waiting for its fee');
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: 'url-change-cancelled',
      actor,
      at: now,
      detail: { to: c.to_url },
    });
    await appendLicenseLog(
      trx,
      { id: l.id, key: l.key, companyId: l.company_id },
      `${actor.name} withdrew the change of URL to ${c.to_url}.`,
      now,
    );
    return l;
  });
}

/** L-5 (until billing exists, B-3): staff waive the renewal fee and the waiting change happens. */
export async function waiveUrlChangeFee(ctx: AppContext, actor: StaffActor, key: string): Promise<License> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findLicenseByKey(trx, key, true);
    const c = await trx
      .updateTable('license_url_changes')
      .set({ state: 'applied', resolved_at: now, fee_waived_by: actor.id })
      .where('license_id', '=', l.id)
      .where('state', '=', 'fee_due')
      .returning(['from_url', 'to_url', 'change_kind'])
      .executeTakeFirst();
    if (!c) throw notFound('A URL change waiting for its fee');
    const after = await applyUrl(trx, l, parseStoreUrl(c.to_url), now);
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: 'url-change-fee-waived',
      actor,
      at: now,
      detail: { to: c.to_url },
    });
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: 'url-changed',
      actor,
      at: now,
      detail: { from: l.url, to: c.to_url, change: c.change_kind },
    });
    await appendLicenseLog(
      trx,
      { id: l.id, key: l.key, companyId: l.company_id },
      `The license renewal fee was waived; the URL changed from ${l.url} to ${c.to_url}.`,
      now,
    );
    await recordAudit(trx, {
      actor,
      action: 'license.url-fee-waived',
      entity: 'license',
      entityId: l.id,
      companyId: l.company_id,
      before: { url: l.url },
      after: { url: c.to_url },
      at: now,
    });
    return after;
  });
}
