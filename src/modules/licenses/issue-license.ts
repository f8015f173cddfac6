import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import type { License } from './tables.js';
import { AppError, invalid, isUniqueViolation } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { generateLicenseKey } from './license-key.js';
import { parseStoreUrl } from './license-url.js';
import { findLicenseByKey } from './queries.js';
import { findCompany } from '../accounts/index.js';
import { grantLicenseSupport, grantStorefrontSupport } from '../support/index.js';

export interface IssueLicenseInput {
  companyId: string;
  productId: string;
  version?: string;
  url?: string;
  state: 'pending' | 'not_accepted';
  modules?: { productId: string; version?: string }[];
}

async function assertRelease(db: DbOrTrx, productId: string, version: string | undefined, field: string) {
  if (!version) return;
  const r = await db
    .selectFrom('releases')
    .select('id')
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!r) throw invalid({ field, message: `Version ${version} is not a release of this product.` });
}

/**
 * L-1: staff issue a license to a company (until the shop exists, B-*, this stands for the
 * purchase): a new key from a cryptographic source, the main product and its modules with versions.
 * A purchase not yet verified is Pending; a verified one is Not accepted until the primary accepts.
 */
export async function issueLicense(ctx: AppContext, actor: StaffActor, input: IssueLicenseInput): Promise<License> {
  const now = ctx.clock.now();
  const url = input.url ? parseStoreUrl(input.url) : null;
  const product = await ctx.db.selectFrom('products').selectAll().where('id', '=', input.productId).executeTakeFirst();
  if (product?.kind !== 'main')
    throw invalid({ field: 'productId', message: 'Choose a main product (not a module or free software).' });
  const company = await findCompany(ctx.db, input.companyId);
  if (!company) throw invalid({ field: 'companyId', message: 'No such company.' });
  await assertRelease(ctx.db, product.id, input.version, 'version');
  const modules = input.modules ?? [];
  for (const [i, m] of modules.entries()) {
    const mp = await ctx.db
      .selectFrom('products')
      .select(['kind', 'parent_id'])
      .where('id', '=', m.productId)
      .executeTakeFirst();
    if (mp?.kind !== 'module' || mp.parent_id !== product.id)
      throw invalid({ field: `modules.${i}.productId`, message: 'Not a module of this product.' });
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx.db, async (trx) => {
        const l = await trx
          .insertInto('licenses')
          .values({
            key: generateLicenseKey(),
            company_id: input.companyId,
            brand_id: product.brand_id,
            product_id: product.id,
            state: input.state,
            url: url?.url ?? '',
            host: url?.host ?? '',
            registrable_domain: url?.registrableDomain ?? '',
            holder_version: input.version ?? '',
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('license_items')
          .values({ license_id: l.id, product_id: product.id, version: input.version ?? '', added_at: now })
          .execute();
        for (const m of modules) {
          await trx
            .insertInto('license_items')
            .values({
              license_id: l.id,
              product_id: m.productId,
              version: m.version ?? input.version ?? '',
              added_at: now,
            })
            .execute();
        }
        // S-1…S-4: the license's support (credits, a free period or VIP care) from the day of purchase.
        await grantLicenseSupport(trx, {
          licenseId: l.id,
          companyId: l.company_id,
          productId: product.id,
          moduleProductIds: modules.map((m) => m.productId),
          at: now,
          actor,
        });
        await recordLicenseEvent(trx, {
          licenseId: l.id,
          companyId: l.company_id,
          kind: 'purchased',
          actor,
          at: now,
          detail: { product: product.name, modules: modules.length, url: l.url },
        });
        await recordAudit(trx, {
          actor,
          action: 'license.issued',
          entity: 'license',
          entityId: l.id,
          companyId: l.company_id,
          after: { key: l.key, product: product.id, state: l.state },
          at: now,
        });
        return l;
      });
    } catch (e) {
      // 26^16 keys: a collision is astronomically rare, but a retry costs nothing.
      if (isUniqueViolation(e, 'licenses_key_key') && attempt < 3) continue;
      if (isUniqueViolation(e)) throw new AppError('conflict', 'A module is listed twice.');
      throw e;
    }
  }
}

/** Staff move a license along its lifecycle: verify a pending purchase, or revoke. */
export async function setLicenseState(
  ctx: AppContext,
  actor: StaffActor,
  key: string,
  action: 'verify' | 'revoke',
): Promise<License> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findLicenseByKey(trx, key, true);
    if (action === 'verify' && l.state !== 'pending')
      throw new AppError('conflict', 'Only a Pending license can be verified.');
    if (action === 'revoke' && l.state === 'revoked')
      throw new AppError('conflict', 'This license is already revoked.');
    const state = action === 'verify' ? 'not_accepted' : 'revoked';
    const after = await trx
      .updateTable('licenses')
      .set({ state, updated_at: now, ...(action === 'revoke' ? { revoked_at: now } : {}) })
      .where('id', '=', l.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: action === 'verify' ? 'verified' : 'revoked',
      actor,
      at: now,
    });
    if (action === 'revoke') {
      // A revoked license cannot change hands: an open transfer request ends with it (L-7).
      const open = await trx
        .updateTable('license_transfers')
        .set({ state: 'cancelled', resolved_at: now, resolved_by_kind: 'staff', resolved_by_id: actor.id })
        .where('license_id', '=', l.id)
        .where('state', '=', 'requested')
        .returning('to_email')
        .execute();
      for (const t of open)
        await recordLicenseEvent(trx, {
          licenseId: l.id,
          companyId: l.company_id,
          kind: 'transfer-cancelled',
          actor,
          at: now,
          detail: { to: t.to_email, reason: 'revoked' },
        });
    }
    await recordAudit(trx, {
      actor,
      action: `license.${action === 'verify' ? 'verified' : 'revoked'}`,
      entity: 'license',
      entityId: l.id,
      companyId: l.company_id,
      before: { state: l.state },
      after: { state },
      at: now,
    });
    return after;
  });
}

/** L-6 "module purchases": staff add a module to a license. */
export async function addModule(
  ctx: AppContext,
  actor: StaffActor,
  key: string,
  input: { productId: string; version?: string },
): Promise<License> {
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const l = await findLicenseByKey(trx, key, true);
      const mp = await trx
        .selectFrom('products')
        .select(['kind', 'parent_id', 'name'])
        .where('id', '=', input.productId)
        .executeTakeFirst();
      if (mp?.kind !== 'module' || mp.parent_id !== l.product_id)
        throw invalid({ field: 'productId', message: "Not a module of this license's product." });
      const main = await trx
        .selectFrom('license_items')
        .select('version')
        .where('license_id', '=', l.id)
        .where('product_id', '=', l.product_id)
        .executeTakeFirst();
      const version = input.version ?? main?.version ?? '';
      await trx
        .insertInto('license_items')
        .values({ license_id: l.id, product_id: input.productId, version, added_at: now })
        .execute();
      // S-2: an additional storefront brings its credits.
      await grantStorefrontSupport(trx, {
        licenseId: l.id,
        companyId: l.company_id,
        moduleProductId: input.productId,
        at: now,
        actor,
      });
      await recordLicenseEvent(trx, {
        licenseId: l.id,
        companyId: l.company_id,
        kind: 'module-added',
        actor,
        at: now,
        detail: { module: mp.name, version },
      });
      return l;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', 'The license already has this module.');
    throw e;
  }
}

/** L-1: staff add a recurring subscription (its expiry drives the L-10 "expired subscription" answer). */
export async function addSubscription(
  ctx: AppContext,
  actor: StaffActor,
  key: string,
  input: { name: string; expiresAt: string; allowExpired?: boolean },
): Promise<License> {
  const now = ctx.clock.now();
  const expires = new Date(input.expiresAt);
  if (Number.isNaN(expires.getTime())) throw invalid({ field: 'expiresAt', message: 'Not a date.' });
  if (expires.getTime() <= now.getTime() && input.allowExpired !== true)
    throw new AppError('unprocessable', 'This subscription has already ended: nothing would renew or extend.', [
      {
        field: 'expiresAt',
        message: `It ended before now (${now.toISOString()}). Send allowExpired: true to record a past subscription.`,
      },
    ]);
  return inTransaction(ctx.db, async (trx) => {
    const l = await findLicenseByKey(trx, key, true);
    await trx
      .insertInto('license_subscriptions')
      .values({ license_id: l.id, name: input.name, expires_at: expires, created_at: now })
      .execute();
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: 'subscription-added',
      actor,
      at: now,
      detail: { name: input.name, expiresAt: expires.toISOString() },
    });
    return l;
  });
}
