import type { DbOrTrx } from '../../core/db/index.js';
import { AppError } from '../../core/errors.js';
import { access } from '../../core/policy.js';
import type { License } from './tables.js';

/**
 * Who may call each route of the licenses module (A-2 rows "My licenses" and "Licenses"; A-10).
 * Row rules: a license is looked up by key within the caller's company, so another company's key is
 * 404; a transfer is found by id with its receiving or sending company; and whether a license may
 * change at all is `licenseChangeBlocked()` below.
 */
export const licensesPolicy = {
  list: access.profile('licenses.view'),
  get: access.profile('licenses.view'),
  history: access.profile('licenses.view'),
  setHolderFields: access.profile('licenses.view'), // status and version for the holder's bookkeeping
  agreement: access.profile('licenses.view'),
  accept: access.profile('licenses.manage'),
  register: access.profile('licenses.manage'),
  changeUrl: access.profile('licenses.manage'),
  cancelUrlChange: access.profile('licenses.manage'),
  requestTransfer: access.profile('licenses.manage'),
  listTransfers: access.profile('licenses.manage'),
  acceptTransfer: access.profile('licenses.manage'),
  declineTransfer: access.profile('licenses.manage'),
  cancelTransfer: access.profile('licenses.manage'),
  transferModule: access.profile('licenses.manage'),
  productReleases: access.signedIn, // L-9 marks wherever a version is chosen, customers and staff
  // L-10: the vendor's software in the field; the key is the only credential.
  validate: access.public,
  licenseFile: access.public,
  publicKey: access.public,
  // Staff.
  staffList: access.staff('staff.licenses.view'),
  staffGet: access.staff('staff.licenses.view'),
  staffHistory: access.staff('staff.licenses.view'),
  staffIssue: access.staff('staff.licenses.manage'),
  staffSetState: access.staff('staff.licenses.manage'),
  staffAddModule: access.staff('staff.licenses.manage'),
  staffAddSubscription: access.staff('staff.licenses.manage'),
  staffWaiveFee: access.staff('staff.licenses.manage'),
  staffListTransfers: access.staff('staff.licenses.view'),
  staffApproveTransfer: access.staff('staff.licenses.manage'),
  staffCatalogue: access.staff('staff.console'),
  staffCreateRelease: access.staff('staff.releases'),
  staffUpdateRelease: access.staff('staff.releases'),
  staffDeleteRelease: access.staff('staff.releases'),
};

/**
 * Why a holder's change to this license is refused, or null when it may go ahead: a purchase not
 * verified yet (Pending) or a revoked license blocks every change (L-3…L-8); with `feeDue`, a URL
 * change waiting for its fee blocks it too (L-5); with `openTransfer`, an open transfer request
 * (L-7). Each caller words the conflict for its own action.
 */
export async function licenseChangeBlocked(
  db: DbOrTrx,
  l: Pick<License, 'id' | 'state'>,
  action: string,
  also: { feeDue?: (toUrl: string) => string; openTransfer?: (toEmail: string) => string } = {},
): Promise<AppError | null> {
  if (l.state === 'pending')
    return new AppError('unprocessable', `The purchase of this license is not verified yet, so you cannot ${action}.`);
  if (l.state === 'revoked') return new AppError('unprocessable', `This license is revoked, so you cannot ${action}.`);
  if (also.feeDue) {
    const due = await db
      .selectFrom('license_url_changes')
      .select('to_url')
      .where('license_id', '=', l.id)
      .where('state', '=', 'fee_due')
      .executeTakeFirst();
    if (due) return new AppError('conflict', also.feeDue(due.to_url));
  }
  if (also.openTransfer) {
    const open = await db
      .selectFrom('license_transfers')
      .select('to_email')
      .where('license_id', '=', l.id)
      .where('state', '=', 'requested')
      .executeTakeFirst();
    if (open) return new AppError('conflict', also.openTransfer(open.to_email));
  }
  return null;
}
