import { IconInbox, IconMessageReply, IconMessages, IconTicket } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import type { ModuleRoutes } from '../../web-module';
import { NewTicketPage } from './new-ticket-page';
import { StaffCannedPage } from './staff-canned-page';
import { StaffInboundPage } from './staff-inbound-page';
import { StaffQueuePage } from './staff-queue-page';
import { StaffTicketPage } from './staff-ticket-page';
import { TicketPage } from './ticket-page';
import { TicketsPage } from './tickets-page';

export const routes: ModuleRoutes = {
  portal: [
    { path: '/tickets', element: <TicketsPage /> },
    { path: '/tickets/new', element: <NewTicketPage /> },
    { path: '/tickets/:number', element: <TicketPage /> },
  ],
  staff: [
    { path: 'tickets', element: <StaffQueuePage /> },
    { path: 'tickets/:number', element: <StaffTicketPage /> },
    { path: 'inbound', element: <StaffInboundPage /> },
    { path: 'canned', element: <StaffCannedPage /> },
  ],
};

export const sections: Record<string, Section> = {
  tickets: { label: 'Communication center', path: '/tickets', icon: <IconMessages {...iconProps} /> },
  'staff-tickets': { label: 'Tickets', path: '/staff/tickets', icon: <IconTicket {...iconProps} /> },
  'staff-inbound': { label: 'Inbound mail', path: '/staff/inbound', icon: <IconInbox {...iconProps} /> },
  'staff-canned': { label: 'Canned replies', path: '/staff/canned', icon: <IconMessageReply {...iconProps} /> },
};
