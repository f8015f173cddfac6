import { IconMessageCircle } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import type { ModuleRoutes } from '../../web-module';
import { StaffChatPage } from './staff-chat-page';

export { ChatLauncher } from './chat-launcher';

export const routes: ModuleRoutes = {
  staff: [
    { path: 'chat', element: <StaffChatPage /> },
    { path: 'chat/:id', element: <StaffChatPage /> },
  ],
};

export const sections: Record<string, Section> = {
  'staff-chat': { label: 'Live chat', path: '/staff/chat', icon: <IconMessageCircle {...iconProps} /> },
};
