import { IconLifebuoy } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import type { ModuleRoutes } from '../../web-module';
import { SupportPage } from './support-page';

export const routes: ModuleRoutes = {
  portal: [{ path: '/support', element: <SupportPage /> }],
};

export const sections: Record<string, Section> = {
  support: { label: 'Support', path: '/support', icon: <IconLifebuoy {...iconProps} /> },
};
