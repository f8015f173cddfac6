import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { RequireProfile, RequireStaff } from './auth';
import { Shell } from './components/shell';
import { ForgotPasswordPage } from './routes/auth/forgot-password-page';
import { LoginPage } from './routes/auth/login-page';
import { ResetPasswordPage } from './routes/auth/reset-password-page';
import { SignupPage } from './routes/auth/signup-page';
import { HomePage } from './routes/home/home-page';
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
import { portalSections, staffSections } from './sections';
import type { Me } from './api/types';
import type { ReactNode } from 'react';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const portal = (page: (me: Me) => ReactNode) => (
  <RequireProfile>
    {(me) => (
      <Shell
        me={me}
        title={me.company?.name ?? 'Clientele'}
        sections={portalSections}
        loginPath="/login"
        userMenu={[
          { label: 'My profile', path: '/me' },
          { label: 'Company', path: '/company' },
        ]}
      >
        {page(me)}
      </Shell>
    )}
  </RequireProfile>
);

const staff = (page: (me: Me) => ReactNode) => (
  <RequireStaff>
    {(me) => (
      <Shell me={me} title="Clientele staff" sections={staffSections} loginPath="/staff/login">
        {page(me)}
      </Shell>
    )}
  </RequireStaff>
);

function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/staff/login" element={<LoginPage staff />} />
      <Route path="/" element={portal((me) => <HomePage me={me} />)} />
      <Route path="/profiles" element={portal((me) => <ProfilesPage me={me} />)} />
      <Route path="/profiles/new" element={portal(() => <NewProfilePage />)} />
      <Route path="/profiles/:id" element={portal((me) => <EditProfilePage me={me} />)} />
      <Route path="/me" element={portal((me) => <MyProfilePage me={me} />)} />
      <Route path="/company" element={portal((me) => <CompanyPage me={me} />)} />
      <Route path="/staff" element={staff((me) => <StaffHomePage me={me} />)} />
      <Route path="/staff/users" element={staff((me) => <StaffUsersPage me={me} />)} />
      <Route path="/staff/companies" element={staff(() => <CompaniesPage />)} />
      <Route path="/staff/companies/:id" element={staff((me) => <CompanyDetailPage me={me} />)} />
      <Route path="/staff/audit" element={staff(() => <AuditPage />)} />
      <Route path="/staff/mailbox" element={staff(() => <MailboxPage />)} />
      <Route path="/staff/mailbox/:id" element={staff(() => <MailPage />)} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
