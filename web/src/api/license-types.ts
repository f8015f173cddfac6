/** The licenses module's API shapes (GET /api/v1/licenses …). */
export type LicenseState = 'pending' | 'not_accepted' | 'active' | 'revoked' | 'transferred';

export interface License {
  key: string;
  brand: { id: string; name: string };
  productId: string;
  url: string;
  state: LicenseState;
  holderStatus: string;
  holderVersion: string;
  products: { productId: string; name: string; kind: 'main' | 'module' | 'free'; version: string }[];
  subscriptions: { id: string; name: string; expiresAt: string; expired: boolean }[];
  registeredAt: string | null;
  acceptedAt: string | null;
  nextDomainChange: 'free' | 'free-once' | 'fee';
  pendingUrlChange: { id: string; toUrl: string; requestedAt: string } | null;
  openTransfer: { id: string; toEmail: string; requestedAt: string } | null;
  addMoreUrl: string | null;
  transferredAt: string | null;
  createdAt: string;
}

export interface StaffLicense extends License {
  company: { id: string; name: string };
}

export interface LicensePage {
  items: License[];
  nextCursor: string | null;
  holderStatuses: string[];
}

export interface LicenseEvent {
  id: string;
  at: string;
  kind: string;
  actor: string;
  actorKind: string;
  detail: Record<string, unknown>;
}

export interface Transfer {
  id: string;
  licenseKey: string;
  direction: 'incoming' | 'outgoing';
  toEmail: string;
  newCustomer: boolean;
  fromCompany: string;
  toCompany: string | null;
  state: 'requested' | 'completed' | 'declined' | 'cancelled';
  requestedAt: string;
  resolvedAt: string | null;
}

export interface Release {
  id: string;
  version: string;
  branch: string;
  releasedOn: string;
  notes: string;
  latest: boolean;
  obsolete: boolean;
  outOfGuarantee: boolean;
}

export interface ProductReleases {
  productId: string;
  name: string;
  kind: string;
  releases: Release[];
}

export const stateLabels: Record<LicenseState, string> = {
  pending: 'Pending',
  not_accepted: 'Not accepted',
  active: 'Active',
  revoked: 'Revoked',
  transferred: 'Transferred',
};

export const stateColors: Record<LicenseState, string> = {
  pending: 'yellow',
  not_accepted: 'orange',
  active: 'green',
  revoked: 'red',
  transferred: 'gray',
};

/** L-9: a version with its marks, as shown wherever a version is chosen. */
export function versionLabel(r: Release): string {
  const marks = [r.latest && 'latest', r.obsolete && 'obsolete', r.outOfGuarantee && 'out of guarantee'].filter(
    Boolean,
  );
  return marks.length ? `${r.version} (${marks.join(', ')})` : r.version;
}

export const eventLabels: Record<string, string> = {
  purchased: 'Purchased',
  verified: 'Purchase verified',
  accepted: 'Agreement accepted',
  registered: 'Installation registered',
  'url-changed': 'URL changed',
  'url-change-fee-due': 'URL change waiting for the renewal fee',
  'url-change-cancelled': 'URL change withdrawn',
  'url-change-fee-waived': 'Renewal fee waived',
  'module-added': 'Module purchased',
  'module-transferred-out': 'Module moved out',
  'module-transferred-in': 'Module moved in',
  'subscription-added': 'Subscription added',
  'status-changed': 'Status changed',
  'version-changed': 'Version changed',
  'transfer-requested': 'Transfer requested',
  'transfer-cancelled': 'Transfer cancelled',
  'transfer-declined': 'Transfer declined',
  'transferred-out': 'Transferred to another company',
  'transferred-in': 'Received by transfer',
  revoked: 'Revoked',
};
