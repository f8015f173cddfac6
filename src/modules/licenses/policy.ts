import { access } from '../../core/policy.js';

/**
 * Who may call each route of the licenses module (A-2 rows "My licenses" and "Licenses"; A-10).
 * Row-level rules live in the use cases: a license is looked up by key within the caller's company,
 * so another company's key is 404; a transfer is found by id with its receiving or sending company.
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
