import { IconFolder, IconPackage } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { FilesPage } from './files-page';
import { StaffFilesPage } from './staff-files-page';

const Files = withMe(FilesPage);
const StaffFiles = withMe(StaffFilesPage);

export const routes: ModuleRoutes = {
  portal: [{ path: '/files', element: <Files /> }],
  staff: [{ path: 'files', element: <StaffFiles /> }],
};

export const sections: Record<string, Section> = {
  files: { label: 'File area', path: '/files', icon: <IconFolder {...iconProps} /> },
  'staff-files': { label: 'Product files', path: '/staff/files', icon: <IconPackage {...iconProps} /> },
};
