import { IconChartBar, IconClockHour4 } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import type { ModuleRoutes } from '../../web-module';
import { SlaTargetsPage } from './sla-targets-page';
import { SupportReportsPage } from './support-reports-page';

export const routes: ModuleRoutes = {
  staff: [
    { path: 'support-reports', element: <SupportReportsPage /> },
    { path: 'sla-targets', element: <SlaTargetsPage /> },
  ],
};

export const sections: Record<string, Section> = {
  'staff-support-reports': {
    label: 'Support reports',
    path: '/staff/support-reports',
    icon: <IconChartBar {...iconProps} />,
  },
  'staff-sla-settings': { label: 'SLA targets', path: '/staff/sla-targets', icon: <IconClockHour4 {...iconProps} /> },
};
