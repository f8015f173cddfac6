/** The access-info module's API (T-18): the customer's Access info panel and the staff reveal. */
import { useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';

export type CustomerAccessInfo = ResponseBody<'/api/v1/tickets/{number}/access-info', 'get'>;
export type AccessInfoInput = NonNullable<RequestBody<'/api/v1/tickets/{number}/access-info', 'put'>>;
export type Protocol = AccessInfoInput['protocol'];
export type StaffAccessInfo = ResponseBody<'/api/v1/staff/tickets/{number}/access-info', 'get'>;
export type RevealedAccessInfo = ResponseBody<'/api/v1/staff/tickets/{number}/access-info/reveal', 'post'>;

export const accessInfoKeys = {
  customer: (number: string) => ['access-info', number],
  staff: (number: string) => ['staff-access-info', number],
} as const;

export const protocolLabels: Record<Protocol, string> = {
  ssh: 'SSH',
  sftp: 'SFTP',
  ftp: 'FTP',
  ftps: 'FTPS',
  https: 'HTTPS admin panel',
  other: 'Other',
};

/** Keyed by the ticket's status too: closing or re-opening the ticket asks again whether one may post. */
export function useCustomerAccessInfo(number: string, status: string) {
  return useQuery({
    queryKey: [...accessInfoKeys.customer(number), status],
    queryFn: () => data(client.GET('/api/v1/tickets/{number}/access-info', { params: { path: { number } } })),
  });
}

export const saveAccessInfo = (number: string, body: AccessInfoInput) =>
  data(client.PUT('/api/v1/tickets/{number}/access-info', { params: { path: { number } }, body }));

export const eraseAccessInfo = (number: string) =>
  data(client.DELETE('/api/v1/tickets/{number}/access-info', { params: { path: { number } } }));

/** Keyed by the ticket's assignee too: assigning the ticket to oneself asks again whether one may reveal. */
export function useStaffAccessInfo(number: string, assigneeId: string | null) {
  return useQuery({
    queryKey: [...accessInfoKeys.staff(number), assigneeId],
    queryFn: () => data(client.GET('/api/v1/staff/tickets/{number}/access-info', { params: { path: { number } } })),
  });
}

/** Decrypts and returns the access info; the server records the view in the audit log. Never cached. */
export const revealAccessInfo = (number: string) =>
  data(client.POST('/api/v1/staff/tickets/{number}/access-info/reveal', { params: { path: { number } } }));
