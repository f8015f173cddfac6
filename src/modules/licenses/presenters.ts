import type { License } from './tables.js';
import type { LicenseDto } from './schemas.js';
import type { LicenseItemRow } from './queries.js';

export interface LicenseExtras {
  brand: { name: string; shop_url: string } | undefined;
  items: LicenseItemRow[];
  subscriptions: { id: string; name: string; expires_at: Date }[];
  pendingUrlChange: { id: string; to_url: string; requested_at: Date } | undefined;
  openTransfer: { id: string; to_email: string; requested_at: Date } | undefined;
  now: Date;
}

/** L-5: what the next change of domain costs. */
export function nextDomainChange(
  l: Pick<License, 'registered_at' | 'free_domain_change_used'>,
): 'free' | 'free-once' | 'fee' {
  if (!l.registered_at) return 'free';
  return l.free_domain_change_used ? 'fee' : 'free-once';
}

/** A license row as the API shows it to its holder (L-2). */
export function presentLicense(l: License, x: LicenseExtras): LicenseDto {
  const shop = x.brand?.shop_url;
  return {
    key: l.key,
    brand: { id: l.brand_id, name: x.brand?.name ?? '' },
    productId: l.product_id,
    url: l.url,
    state: l.state,
    holderStatus: l.holder_status,
    holderVersion: l.holder_version,
    products: x.items.map((i) => ({
      productId: i.product_id,
      name: i.product_name,
      kind: i.product_kind,
      version: i.version,
    })),
    subscriptions: x.subscriptions.map((s) => ({
      id: s.id,
      name: s.name,
      expiresAt: s.expires_at.toISOString(),
      expired: s.expires_at <= x.now,
    })),
    registeredAt: l.registered_at?.toISOString() ?? null,
    acceptedAt: l.accepted_at?.toISOString() ?? null,
    nextDomainChange: nextDomainChange(l),
    pendingUrlChange: x.pendingUrlChange
      ? {
          id: x.pendingUrlChange.id,
          toUrl: x.pendingUrlChange.to_url,
          requestedAt: x.pendingUrlChange.requested_at.toISOString(),
        }
      : null,
    openTransfer: x.openTransfer
      ? {
          id: x.openTransfer.id,
          toEmail: x.openTransfer.to_email,
          requestedAt: x.openTransfer.requested_at.toISOString(),
        }
      : null,
    addMoreUrl: shop ? `${shop}${shop.includes('?') ? '&' : '?'}license=${l.key}` : null,
    transferredAt: null,
    createdAt: l.created_at.toISOString(),
  };
}
