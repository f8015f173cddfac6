import type { AppContext } from '../../core/context.js';
import type { JobDefinition } from '../../core/jobs.js';
import { eraseExpiredAccessInfo } from './erase-expired.js';

/** The access-info module's jobs (E-3); idempotent and safe on several servers. */
export function accessInfoJobs(ctx: AppContext): JobDefinition[] {
  // T-18: hourly, so access info is gone within the hour after its retention ends.
  return [{ name: 'access-info-erase', cron: '23 * * * *', handler: () => eraseExpiredAccessInfo(ctx) }];
}
