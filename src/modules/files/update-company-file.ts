import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { ProfileActor } from '../../core/policy.js';
import { assertCustomerUpload, assertOwnCompanyFile } from './policy.js';
import { findCompanyFile } from './queries.js';

/** F-2: changes the description of a file of the caller's company that its members uploaded. */
export async function updateCompanyFile(
  ctx: AppContext,
  actor: ProfileActor,
  id: string,
  input: { description: string },
): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const file = await findCompanyFile(trx, id);
    assertOwnCompanyFile(actor, file);
    assertCustomerUpload(file);
    await trx
      .updateTable('company_files')
      .set({ description: input.description, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'company-file.updated',
      entity: 'company_file',
      entityId: id,
      before: { description: file.description },
      after: input,
      at: now,
    });
  });
}
