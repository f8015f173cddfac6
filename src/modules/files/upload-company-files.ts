import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { CompanyFile } from './tables.js';
import { AppError, notFound } from '../../core/errors.js';
import { formatBytes } from '../../core/storage/index.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { lockCompany } from '../accounts/index.js';
import { companyUsage } from './queries.js';
import { discard, type ReceivedFile } from '../../core/storage/receive-uploads.js';

/**
 * F-3: makes rows of files already streamed into the storage, in My files of a company. The quota
 * (F-6) is checked again under a lock on the company, so two uploads at once cannot both squeeze
 * past it; files the vendor puts there do not count. If anything fails, the stored contents go.
 */
export async function addCompanyFiles(
  ctx: AppContext,
  actor: ProfileActor | StaffActor,
  companyId: string,
  files: ReceivedFile[],
  description: string,
): Promise<CompanyFile[]> {
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if (!(await lockCompany(trx, companyId))) throw notFound('This company');
      if (actor.kind === 'profile') {
        const used = await companyUsage(trx, companyId);
        const adding = files.reduce((s, f) => s + f.stored.size, 0);
        if (used + adding > ctx.config.companyQuotaBytes) {
          throw new AppError(
            'payload-too-large',
            `The files do not fit in your company's file space of ${formatBytes(ctx.config.companyQuotaBytes)}; ${formatBytes(Math.max(0, ctx.config.companyQuotaBytes - used))} is left.`,
            [{ field: 'files', message: 'Over the company quota' }],
          );
        }
      }
      const rows = await trx
        .insertInto('company_files')
        .values(
          files.map((f) => ({
            company_id: companyId,
            name: f.name,
            description,
            size: f.stored.size,
            media_type: f.mediaType,
            storage_key: f.stored.key,
            sha256: f.stored.sha256,
            uploaded_by_profile: actor.kind === 'profile' ? actor.id : null,
            uploaded_by_staff: actor.kind === 'staff' ? actor.id : null,
            created_at: now,
            updated_at: now,
          })),
        )
        .returningAll()
        .execute();
      for (const r of rows) {
        await recordAudit(trx, {
          actor,
          action: 'company-file.uploaded',
          entity: 'company_file',
          entityId: r.id,
          companyId,
          after: { name: r.name, size: r.size },
          at: now,
        });
      }
      return rows;
    });
  } catch (err) {
    await discard(ctx.storage, files);
    throw err;
  }
}
