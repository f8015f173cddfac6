import type { ComponentType } from 'react';
import { Navigate, Outlet, Route, Routes, useOutletContext } from 'react-router';
import type { Me } from './api/auth';
import { RequireProfile, RequireStaff } from './auth';
import { Shell } from './components/shell';
import { ForgotPasswordPage } from './routes/auth/forgot-password-page';
import { LoginPage } from './routes/auth/login-page';
import { ResetPasswordPage } from './routes/auth/reset-password-page';
import { SignupPage } from './routes/auth/signup-page';
import { FilesPage } from './routes/files/files-page';
import { StaffFilesPage } from './routes/files/staff-files-page';
import { HomePage } from './routes/home/home-page';
import { NewTicketPage } from './routes/tickets/new-ticket-page';
import { StaffCannedPage } from './routes/tickets/staff-canned-page';
import { StaffInboundPage } from './routes/tickets/staff-inbound-page';
import { StaffQueuePage } from './routes/tickets/staff-queue-page';
import { StaffTicketPage } from './routes/tickets/staff-ticket-page';
import { TicketPage } from './routes/tickets/ticket-page';
import { TicketsPage } from './routes/tickets/tickets-page';
import { ChangeUrlPage } from './routes/licenses/change-url-page';
import { LicenseHistoryPage } from './routes/licenses/history-page';
import { LicensesPage } from './routes/licenses/licenses-page';
import { StaffLicensesPage } from './routes/licenses/staff-licenses-page';
import { StaffReleasesPage } from './routes/licenses/staff-releases-page';
import { TransferPage } from './routes/licenses/transfer-page';
import { CompanyPage } from './routes/profiles/company-page';
import { EditProfilePage } from './routes/profiles/edit-profile-page';
import { MyProfilePage } from './routes/profiles/my-profile-page';
import { NewProfilePage } from './routes/profiles/new-profile-page';
import { ProfilesPage } from './routes/profiles/profiles-page';
import { AuditPage } from './routes/staff/audit-page';
import { CompaniesPage } from './routes/staff/companies-page';
import { CompanyDetailPage } from './routes/staff/company-detail-page';
import { MailboxPage, MailPage } from './routes/staff/mailbox-page';
import { StaffHomePage } from './routes/staff/staff-home-page';
import { StaffUsersPage } from './routes/staff/staff-users-page';

/** The customer portal's frame: signed-in profiles only, with their sections. */
function PortalLayout() {
  return (
    <RequireProfile>
      {(me) => (
        <Shell
          me={me}
          title={me.company?.name ?? 'Clientele'}
          loginPath="/login"
          userMenu={[
            { label: 'My profile', path: '/me' },
            { label: 'Company', path: '/company' },
          ]}
        >
          <Outlet context={me} />
        </Shell>
      )}
    </RequireProfile>
  );
}

/** The vendor's staff console: signed-in staff only. */
function StaffLayout() {
  return (
    <RequireStaff>
      {(me) => (
        <Shell me={me} title="Clientele staff console" loginPath="/staff/login">
          <Outlet context={me} />
        </Shell>
      )}
    </RequireStaff>
  );
}

/** A page that needs the signed-in person gets it from its layout. */
function withMe(Page: ComponentType<{ me: Me }>) {
  return function PageWithMe() {
    return <Page me={useOutletContext<Me>()} />;
  };
}

const Home = withMe(HomePage);
const Profiles = withMe(ProfilesPage);
const EditProfile = withMe(EditProfilePage);
const MyProfile = withMe(MyProfilePage);
const CompanyProfile = withMe(CompanyPage);
const StaffHome = withMe(StaffHomePage);
const StaffUsers = withMe(StaffUsersPage);
const CompanyDetail = withMe(CompanyDetailPage);
const Licenses = withMe(LicensesPage);
const StaffLicenses = withMe(StaffLicensesPage);
const Files = withMe(FilesPage);
const StaffFiles = withMe(StaffFilesPage);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/staff/login" element={<LoginPage staff />} />
      <Route element={<PortalLayout />}>
        <Route path="/" element={<Home />} />
        <Route path="/profiles" element={<Profiles />} />
        <Route path="/profiles/new" element={<NewProfilePage />} />
        <Route path="/profiles/:id" element={<EditProfile />} />
        <Route path="/me" element={<MyProfile />} />
        <Route path="/company" element={<CompanyProfile />} />
        <Route path="/licenses" element={<Licenses />} />
        <Route path="/tickets" element={<TicketsPage />} />
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/:number" element={<TicketPage />} />
        <Route path="/licenses/:key/history" element={<LicenseHistoryPage />} />
        <Route path="/licenses/:key/url" element={<ChangeUrlPage />} />
        <Route path="/licenses/:key/transfer" element={<TransferPage />} />
        <Route path="/files" element={<Files />} />
      </Route>
      <Route path="/staff" element={<StaffLayout />}>
        <Route index element={<StaffHome />} />
        <Route path="users" element={<StaffUsers />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/:id" element={<CompanyDetail />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="mailbox" element={<MailboxPage />} />
        <Route path="mailbox/:id" element={<MailPage />} />
        <Route path="licenses" element={<StaffLicenses />} />
        <Route path="tickets" element={<StaffQueuePage />} />
        <Route path="tickets/:number" element={<StaffTicketPage />} />
        <Route path="inbound" element={<StaffInboundPage />} />
        <Route path="canned" element={<StaffCannedPage />} />
        <Route path="licenses/:key/history" element={<LicenseHistoryPage staff />} />
        <Route path="releases" element={<StaffReleasesPage />} />
        <Route path="files" element={<StaffFiles />} />
        <Route path="*" element={<Navigate to="/staff" replace />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
