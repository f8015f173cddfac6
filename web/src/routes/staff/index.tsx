import { IconBuilding, IconHistory, IconLayoutDashboard, IconMail, IconUserShield } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { AuditPage } from './audit-page';
import { CompaniesPage } from './companies-page';
import { CompanyDetailPage } from './company-detail-page';
import { MailboxPage, MailPage } from './mailbox-page';
import { MySettingsPage } from './my-settings-page';
import { StaffHomePage } from './staff-home-page';
import { StaffUsersPage } from './staff-users-page';

const StaffHome = withMe(StaffHomePage);
const StaffUsers = withMe(StaffUsersPage);
const CompanyDetail = withMe(CompanyDetailPage);
const MySettings = withMe(MySettingsPage);

export const routes: ModuleRoutes = {
  staff: [
    { index: true, element: <StaffHome /> },
    { path: 'users', element: <StaffUsers /> },
    { path: 'companies', element: <CompaniesPage /> },
    { path: 'companies/:id', element: <CompanyDetail /> },
    { path: 'audit', element: <AuditPage /> },
    { path: 'mailbox', element: <MailboxPage /> },
    { path: 'mailbox/:id', element: <MailPage /> },
    { path: 'me', element: <MySettings /> },
  ],
};

export const sections: Record<string, Section> = {
  'staff-home': { label: 'Overview', path: '/staff', icon: <IconLayoutDashboard {...iconProps} /> },
  'staff-companies': { label: 'Companies', path: '/staff/companies', icon: <IconBuilding {...iconProps} /> },
  'staff-users': { label: 'Staff users', path: '/staff/users', icon: <IconUserShield {...iconProps} /> },
  'staff-audit': { label: 'Audit log', path: '/staff/audit', icon: <IconHistory {...iconProps} /> },
  'staff-mailbox': { label: 'Dev mailbox', path: '/staff/mailbox', icon: <IconMail {...iconProps} /> },
};
