import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { stateBlocks } from './accept-license.js';
import { recordLicenseEvent } from './events.js';
import { normalizeLicenseKey } from './license-key.js';

/**
 * L-8: move one module (add-on) from a license of the company to another license of the company
 * or to another company's license named by its key. The target must be a license of the module's
 * main product, and the module's version must match the target's version.
 */
export async function transferModule(ctx: AppContext, actor: ProfileActor, sourceKey: string, input: { productId: string; targetKey: string }) {
  const src = normalizeLicenseKey(sourceKey);
  if (!src) throw notFound('This license');
  const dst = normalizeLicenseKey(input.targetKey);
  if (!dst) throw invalid({ field: 'targetKey', message: 'A license key is 16 capital letters.' });
  if (dst === src) throw invalid({ field: 'targetKey', message: 'Choose a license other than the one the module is on.' });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Lock both licenses in key order, so that two opposite moves cannot deadlock.
    const rows = await trx.selectFrom('licenses').selectAll().where('key', 'in', [src, dst]).orderBy('key').forUpdate().execute();
    const source = rows.find((r) => r.key === src);
    const target = rows.find((r) => r.key === dst);
    if (!source || source.company_id !== actor.companyId) throw notFound('This license');
    if (!target) throw invalid({ field: 'targetKey', message: 'No license has this key.' });
    for (const [l, which] of [[source, 'the source license'], [target, 'the target license']] as const) {
      const blocked = stateBlocks(l, `move a module with ${which}`);
      if (blocked) throw blocked;
    }
    const item = await trx
      .selectFrom('license_items as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      .select(['i.id', 'i.version', 'p.kind', 'p.parent_id', 'p.name'])
      .where('i.license_id', '=', source.id)
      .where('i.product_id', '=', input.productId)
      .executeTakeFirst();
    if (!item) throw invalid({ field: 'productId', message: 'This module is not on the license.' });
    if (item.kind !== 'module') throw invalid({ field: 'productId', message: 'Only a module can be moved; transfer the whole license instead.' });
    if (item.parent_id !== target.product_id) throw invalid({ field: 'targetKey', message: `${item.name} is not a module of the target license's product.` });
    const targetMain = await trx.selectFrom('license_items').select('version').where('license_id', '=', target.id).where('product_id', '=', target.product_id).executeTakeFirst();
    const targetVersion = targetMain?.version ?? '';
    if (item.version !== targetVersion) {
      throw invalid({ field: 'targetKey', message: `The module is version ${item.version || '(none)'} and the target license is version ${targetVersion || '(none)'}: the versions must match.` });
    }
    const clash = await trx.selectFrom('license_items').select('id').where('license_id', '=', target.id).where('product_id', '=', input.productId).executeTakeFirst();
    if (clash) throw new AppError('conflict', 'The target license already has this module.');
    await trx.updateTable('license_items').set({ license_id: target.id }).where('id', '=', item.id).execute();
    await recordLicenseEvent(trx, { licenseId: source.id, companyId: source.company_id, kind: 'module-transferred-out', actor, at: now, detail: { module: item.name, to: target.company_id === source.company_id ? target.key : 'another company' } });
    await recordLicenseEvent(trx, { licenseId: target.id, companyId: target.company_id, kind: 'module-transferred-in', actor, at: now, detail: { module: item.name, from: target.company_id === source.company_id ? source.key : 'another company' } });
    await recordAudit(trx, { actor, action: 'license.module-transferred', entity: 'license', entityId: source.id, after: { module: input.productId, target: target.id }, at: now });
    return source;
  });
}
