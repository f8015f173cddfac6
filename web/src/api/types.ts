export interface Me {
  kind: 'profile' | 'staff';
  id: string;
  email: string;
  name: string;
  role: string;
  company: { id: string; name: string } | null;
  permissions: string[];
  sections: string[];
  csrfToken: string | null;
}

export type ProfileRole = 'primary' | 'advanced' | 'secondary';

export interface Profile {
  id: string;
  companyId: string;
  email: string;
  name: string;
  role: ProfileRole;
  phone: string;
  jobTitle: string;
  timezone: string;
  status: 'active' | 'disabled';
  locked: boolean;
  notifyTickets: boolean;
  newsSecurity: boolean;
  newsProduct: boolean;
  hasAvatar: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Company {
  id: string;
  name: string;
  address: string;
  phone: string;
  taxId: string;
  billingEmail: string;
  createdAt: string;
  preSales: boolean;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string;
}

export interface MailSummary {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  kind: string;
  status: string;
  transport: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface Mail extends MailSummary {
  messageId: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface Session {
  id: string;
  current: boolean;
  ip: string;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export const roleLabels: Record<string, string> = {
  primary: 'Primary',
  advanced: 'Advanced secondary',
  secondary: 'Secondary',
  agent: 'Agent',
  department_head: 'Department head',
  billing: 'Billing',
  sales: 'Sales',
  content: 'Content',
  admin: 'Admin',
};
