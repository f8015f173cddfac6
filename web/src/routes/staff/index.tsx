import type { Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { AuditPage } from './audit-page';
import { CompaniesPage } from './companies-page';
import { CompanyDetailPage } from './company-detail-page';
import { MailboxPage, MailPage } from './mailbox-page';
import { StaffHomePage } from './staff-home-page';
import { StaffUsersPage } from './staff-users-page';

const StaffHome = withMe(StaffHomePage);
const StaffUsers = withMe(StaffUsersPage);
const CompanyDetail = withMe(CompanyDetailPage);

export const routes: ModuleRoutes = {
  staff: [
    { index: true, element: <StaffHome /> },
    { path: 'users', element: <StaffUsers /> },
    { path: 'companies', element: <CompaniesPage /> },
    { path: 'companies/:id', element: <CompanyDetail /> },
    { path: 'audit', element: <AuditPage /> },
    { path: 'mailbox', element: <MailboxPage /> },
    { path: 'mailbox/:id', element: <MailPage /> },
  ],
};

export const sections: Record<string, Section> = {
  'staff-home': { label: 'Overview', path: '/staff' },
  'staff-companies': { label: 'Companies', path: '/staff/companies' },
  'staff-users': { label: 'Staff users', path: '/staff/users' },
  'staff-audit': { label: 'Audit log', path: '/staff/audit' },
  'staff-mailbox': { label: 'Dev mailbox', path: '/staff/mailbox' },
};
