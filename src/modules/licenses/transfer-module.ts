import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { normalizeLicenseKey } from './license-key.js';
import { licenseChangeBlocked } from './policy.js';

/**
 * L-8: move one module (add-on) from a license of the company to another license of the company
 * or to another company's license named by its key. The target must be a license of the module's
 * main product, and the module's version must match the target's version.
 */
export async function transferModule(
  ctx: AppContext,
  actor: ProfileActor,
  sourceKey: string,
  input: { productId: string; targetKey: string },
) {
  const src = normalizeLicenseKey(sourceKey);
  if (!src) throw notFound('This license');
  const dst = normalizeLicenseKey(input.targetKey);
  if (!dst) throw invalid({ field: 'targetKey', message: 'A license key is 16 capital letters.' });
  if (dst === src)
    throw invalid({ field: 'targetKey', message: 'Choose a license other than the one the module is on.' });
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    // Lock both licenses in key order, so that two opposite moves cannot deadlock.
    const rows = await trx
      .selectFrom('licenses')
      .selectAll()
      .where('key', 'in', [src, dst])
      .orderBy('key')
      .forUpdate()
      .execute();
    const source = rows.find((r) => r.key === src);
    const target = rows.find((r) => r.key === dst);
    if (!source || source.company_id !== actor.companyId) throw notFound('This license');
    const blockedSource = await licenseChangeBlocked(trx, source, 'move a module from it');
    if (blockedSource) throw blockedSource;
    const item = await trx
      .selectFrom('license_items as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      .select(['i.id', 'i.version', 'p.kind', 'p.parent_id', 'p.name'])
      .where('i.license_id', '=', source.id)
      .where('i.product_id', '=', input.productId)
      .executeTakeFirst();
    if (!item) throw invalid({ field: 'productId', message: 'This module is not on the license.' });
    if (item.kind !== 'module')
      throw invalid({ field: 'productId', message: 'Only a module can be moved; transfer the whole license instead.' });
    // Another company's license is only named by its key: one answer for every reason it cannot
    // take the module, so that the refusal does not tell its product, version, modules or state.
    const own = target?.company_id === actor.companyId;
    const refuse = (specific: string, conflict = false): never => {
      if (own) throw conflict ? new AppError('conflict', specific) : invalid({ field: 'targetKey', message: specific });
      throw invalid({
        field: 'targetKey',
        message:
          `${item.name} ${item.version || ''} cannot be moved to this license: it must be an active license of the module's product at the same version, without this module. Check the key with its holder.`.replace(
            '  ',
            ' ',
          ),
      });
    };
    if (!target) return refuse('No license has this key.');
    const blockedTarget = await licenseChangeBlocked(trx, target, 'move a module to it');
    if (blockedTarget && own)
      throw new AppError(blockedTarget.code, blockedTarget.message.replace('this license', 'the target license'));
    if (blockedTarget) return refuse('');
    if (item.parent_id !== target.product_id)
      return refuse(`${item.name} is not a module of the target license's product.`);
    const targetMain = await trx
      .selectFrom('license_items')
      .select('version')
      .where('license_id', '=', target.id)
      .where('product_id', '=', target.product_id)
      .executeTakeFirst();
    const targetVersion = targetMain?.version ?? '';
    if (item.version !== targetVersion) {
      return refuse(
        `The module is version ${item.version || '(none)'} and the target license is version ${targetVersion || '(none)'}: the versions must match.`,
      );
    }
    const clash = await trx
      .selectFrom('license_items')
      .select('id')
      .where('license_id', '=', target.id)
      .where('product_id', '=', input.productId)
      .executeTakeFirst();
    if (clash) return refuse('The target license already has this module.', true);
    await trx.updateTable('license_items').set({ license_id: target.id }).where('id', '=', item.id).execute();
    await recordLicenseEvent(trx, {
      licenseId: source.id,
      companyId: source.company_id,
      kind: 'module-transferred-out',
      actor,
      at: now,
      detail: { module: item.name, to: target.company_id === source.company_id ? target.key : 'another company' },
    });
    await recordLicenseEvent(trx, {
      licenseId: target.id,
      companyId: target.company_id,
      kind: 'module-transferred-in',
      actor,
      at: now,
      detail: { module: item.name, from: target.company_id === source.company_id ? source.key : 'another company' },
    });
    await recordAudit(trx, {
      actor,
      action: 'license.module-transferred',
      entity: 'license',
      entityId: source.id,
      after: { module: input.productId, target: target.id },
      at: now,
    });
    return source;
  });
}
