import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { inTransaction } from '../../core/db/transaction.js';
import { erasedState } from './customer-access-info.js';

const batch = 100;
const system = { kind: 'system', name: 'Clientele' } as const;

/**
 * T-18: erases the access info of tickets closed `CLIENTELE_ACCESS_INFO_RETENTION_DAYS` (14) days
 * ago or longer. Due rows are found by ticket_access_info_erase_idx, claimed with SKIP LOCKED (safe
 * on several servers) and overwritten at once, so a second run finds nothing: exactly once. Each
 * erasure is recorded in the audit log (the ticket and the reason, no secret).
 */
export async function eraseExpiredAccessInfo(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - ctx.config.accessInfo.retentionDays * 86_400_000);
  const erased = erasedState(now, system.name, 'retention');
  let total = 0;
  for (;;) {
    const n = await inTransaction(ctx.db, async (trx) => {
      const rows = await sql<{ ticket_id: string; company_id: string; ticket_closed_at: Date }>`
        UPDATE ticket_access_info
        SET protocol = NULL, key_id = NULL, iv = NULL, sealed = NULL, auth_tag = NULL,
            erased_at = ${erased.erased_at}, erased_by_label = ${erased.erased_by_label}, erase_reason = 'retention'
        WHERE ticket_id IN (
          SELECT ticket_id FROM ticket_access_info
          WHERE sealed IS NOT NULL AND ticket_closed_at IS NOT NULL AND ticket_closed_at <= ${before}
          ORDER BY ticket_closed_at
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        )
        AND sealed IS NOT NULL
        RETURNING ticket_id, company_id, ticket_closed_at`.execute(trx);
      for (const r of rows.rows) {
        await recordAudit(trx, {
          actor: system,
          action: 'access-info.erased',
          entity: 'ticket',
          entityId: r.ticket_id,
          companyId: r.company_id,
          after: { reason: 'retention', ticketClosedAt: new Date(r.ticket_closed_at).toISOString() },
          at: now,
        });
      }
      return rows.rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}
