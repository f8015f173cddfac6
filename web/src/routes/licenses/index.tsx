import { IconLicense, IconTag } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { ChangeUrlPage } from './change-url-page';
import { LicenseHistoryPage } from './history-page';
import { LicensesPage } from './licenses-page';
import { StaffLicensesPage } from './staff-licenses-page';
import { StaffReleasesPage } from './staff-releases-page';
import { TransferPage } from './transfer-page';

const Licenses = withMe(LicensesPage);
const StaffLicenses = withMe(StaffLicensesPage);

export const routes: ModuleRoutes = {
  portal: [
    { path: '/licenses', element: <Licenses /> },
    { path: '/licenses/:key/history', element: <LicenseHistoryPage /> },
    { path: '/licenses/:key/url', element: <ChangeUrlPage /> },
    { path: '/licenses/:key/transfer', element: <TransferPage /> },
  ],
  staff: [
    { path: 'licenses', element: <StaffLicenses /> },
    { path: 'licenses/:key/history', element: <LicenseHistoryPage staff /> },
    { path: 'releases', element: <StaffReleasesPage /> },
  ],
};

export const sections: Record<string, Section> = {
  licenses: { label: 'My licenses', path: '/licenses', icon: <IconLicense {...iconProps} /> },
  'staff-licenses': { label: 'Licenses', path: '/staff/licenses', icon: <IconLicense {...iconProps} /> },
  'staff-releases': { label: 'Releases', path: '/staff/releases', icon: <IconTag {...iconProps} /> },
};
