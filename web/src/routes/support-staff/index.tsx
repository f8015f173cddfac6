import { IconSettingsCog } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import type { ModuleRoutes } from '../../web-module';
import { SupportSettingsPage } from './support-settings-page';

export const routes: ModuleRoutes = {
  staff: [{ path: 'support-settings', element: <SupportSettingsPage /> }],
};

export const sections: Record<string, Section> = {
  'staff-support-settings': {
    label: 'Support settings',
    path: '/staff/support-settings',
    icon: <IconSettingsCog {...iconProps} />,
  },
};
