import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { ProfileActor } from '../../core/policy.js';
import { assertCustomerUpload, assertOwnCompanyFile } from './policy.js';
import { findCompanyFile } from './queries.js';

/**
 * F-3: removes a file its company's members uploaded. The row goes in the transaction; the content
 * after it commits (a failed removal leaves an unreferenced blob, never a row without content).
 */
export async function deleteCompanyFile(ctx: AppContext, actor: ProfileActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  const key = await inTransaction(ctx.db, async (trx) => {
    const file = await findCompanyFile(trx, id);
    assertOwnCompanyFile(actor, file);
    assertCustomerUpload(file);
    await trx.deleteFrom('company_files').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      action: 'company-file.deleted',
      entity: 'company_file',
      entityId: id,
      before: { name: file.name, size: file.size },
      at: now,
    });
    return file.storage_key;
  });
  await ctx.storage.delete(key).catch((err) => ctx.log.warn({ err, key }, 'stored file not removed'));
}
