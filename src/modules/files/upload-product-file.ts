import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { ProductFile } from './tables.js';
import { AppError, invalid } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import type { StaffActor } from '../../core/policy.js';
import { securityNewsSubscribers } from '../accounts/index.js';
import { activeLicenseHolders, compareVersions, productById } from '../licenses/index.js';
import { discard, type ReceivedFile } from '../../core/storage/receive-uploads.js';
import type { ProductFileFields } from './schemas.js';

/**
 * F-1, F-5, F-7: a product file released by the vendor (content staff). An upgrade file belongs to
 * the folder of the version it upgrades to. A security patch is announced in the same transaction
 * to every active profile subscribed to "Security updates and alerts" whose company may download it.
 * If anything fails, the stored content goes.
 */
export async function addProductFile(
  ctx: AppContext,
  actor: StaffActor,
  fields: ProductFileFields,
  file: ReceivedFile,
): Promise<ProductFile> {
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const product = await productById(trx, fields.productId);
      if (!product) throw invalid({ field: 'productId', message: 'No such product.' });
      if (fields.kind === 'upgrade' && compareVersions(fields.fromVersion ?? '', fields.toVersion ?? '') >= 0) {
        throw invalid({
          field: 'toVersion',
          message: 'The version upgraded to must be later than the version upgraded from.',
        });
      }
      const version = fields.kind === 'upgrade' ? (fields.toVersion ?? null) : (fields.version ?? null);
      const row = await trx
        .insertInto('product_files')
        .values({
          product_id: product.id,
          version,
          kind: fields.kind,
          from_version: fields.kind === 'upgrade' ? (fields.fromVersion ?? null) : null,
          to_version: fields.kind === 'upgrade' ? (fields.toVersion ?? null) : null,
          security_patch: fields.securityPatch,
          name: file.name,
          description: fields.description,
          size: file.stored.size,
          media_type: file.mediaType,
          storage_key: file.stored.key,
          sha256: file.stored.sha256,
          created_at: now,
          created_by: actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'product-file.uploaded',
        entity: 'product_file',
        entityId: row.id,
        after: { productId: product.id, version, kind: row.kind, name: row.name, securityPatch: row.security_patch },
        at: now,
      });
      if (row.security_patch) await announceSecurityPatch(ctx, trx, { ...product, version }, row, now);
      return row;
    });
  } catch (err) {
    await discard(ctx.storage, [file]);
    throw err;
  }
}

/** F-7: one mail per subscribed, active profile of the companies that may download the product. */
async function announceSecurityPatch(
  ctx: AppContext,
  trx: Trx,
  product: { id: string; name: string; kind: string; version: string | null },
  file: ProductFile,
  now: Date,
): Promise<void> {
  let q = trx.selectFrom(securityNewsSubscribers(trx).as('p')).select(['p.email', 'p.name']).distinct();
  if (product.kind !== 'free') q = q.where('p.company_id', 'in', activeLicenseHolders(trx, product.id));
  const recipients = await q.orderBy('p.email').execute();
  const title = `${product.name}${product.version ? ` ${product.version}` : ''}`;
  for (const r of recipients) {
    await queueMail(
      trx,
      {
        to: r.email,
        kind: 'security-patch',
        subject: `Security patch for ${title}: ${file.name}`,
        text: [
          `Hello ${r.name},`,
          '',
          `A security patch for ${title} is available in the file area: ${file.name}.`,
          file.description ? `\n${file.description}\n` : '',
          `Download it from ${ctx.config.publicUrl}/files (Product files → Security patches).`,
          '',
          'You receive this because you subscribed to "Security updates and alerts" in your profile.',
        ].join('\n'),
      },
      now,
      ctx.mailDomain,
    );
  }
}

/** Staff remove a product file; the content goes after the row is gone. */
export async function deleteProductFile(ctx: AppContext, actor: StaffActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  const key = await inTransaction(ctx.db, async (trx) => {
    const file = await trx.selectFrom('product_files').selectAll().where('id', '=', id).executeTakeFirst();
    if (!file) throw new AppError('not-found', 'This file does not exist.');
    await trx.deleteFrom('product_files').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      action: 'product-file.deleted',
      entity: 'product_file',
      entityId: id,
      before: { productId: file.product_id, version: file.version, name: file.name },
      at: now,
    });
    return file.storage_key;
  });
  await ctx.storage.delete(key).catch((err) => ctx.log.warn({ err, key }, 'stored file not removed'));
}
