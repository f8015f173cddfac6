import type { Company, Profile } from './tables.js';
import type { CompanyDto, ProfileDto } from './schemas.js';

/** The one place a profile row becomes an API object: no hashes or counters leak. */
export function presentProfile(p: Profile, hasAvatar: boolean): ProfileDto {
  return {
    id: p.id,
    companyId: p.company_id,
    email: p.email,
    name: p.name,
    role: p.role,
    phone: p.phone,
    jobTitle: p.job_title,
    timezone: p.timezone,
    status: p.status,
    locked: p.locked_at !== null,
    notifyTickets: p.notify_tickets,
    newsSecurity: p.news_security,
    newsProduct: p.news_product,
    hasAvatar,
    createdAt: p.created_at.toISOString(),
    lastLoginAt: p.last_login_at?.toISOString() ?? null,
  };
}

export function presentCompany(c: Company): CompanyDto {
  return {
    id: c.id,
    name: c.name,
    address: c.address,
    phone: c.phone,
    taxId: c.tax_id,
    billingEmail: c.billing_email,
    createdAt: c.created_at.toISOString(),
    preSales: c.first_order_at === null,
  };
}
