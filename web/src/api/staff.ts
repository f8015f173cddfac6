/** The staff module's API: staff users, companies and their profiles, the audit log, the dev mailbox. */
import { idempotencyHeader } from './create-mutation';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';

export type StaffUser = ResponseBody<'/api/v1/staff/users', 'get'>['items'][number];
export type StaffRole = StaffUser['role'];
export type StaffUserChange = RequestBody<'/api/v1/staff/users/{id}', 'patch'>;
export type AuditEntry = ResponseBody<'/api/v1/staff/audit', 'get'>['items'][number];
export type MailSummary = ResponseBody<'/api/v1/staff/mailbox', 'get'>['items'][number];
export type Mail = ResponseBody<'/api/v1/staff/mailbox/{id}', 'get'>;

export const staffKeys = {
  users: ['staff-users'],
  companies: (query: string) => ['staff-companies', query],
  companyPick: (query: string) => ['staff-companies', 'pick', query],
  company: (id: string) => ['staff-company', id],
  audit: (action: string, entity: string) => ['staff-audit', action, entity],
  mailbox: (to: string) => ['staff-mailbox', to],
  mail: (id: string) => ['staff-mail', id],
} as const;

export function useStaffUsers() {
  return useQuery({ queryKey: staffKeys.users, queryFn: () => data(client.GET('/api/v1/staff/users')) });
}

export const createStaffUser = (body: RequestBody<'/api/v1/staff/users', 'post'>, key: string) =>
  data(client.POST('/api/v1/staff/users', { body, params: { header: idempotencyHeader(key) } }));

export const updateStaffUser = (id: string, body: StaffUserChange) =>
  data(client.PATCH('/api/v1/staff/users/{id}', { params: { path: { id } }, body }));

/** Companies whose name starts with `q` (or with a person of that exact e-mail), 50 a page. */
export function useStaffCompanies(q: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.companies(q),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/companies', {
          params: { query: { limit: 50, q: q || undefined, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The first 20 companies matching `q`, to pick one from a list. */
export function useCompanyPicker(q: string) {
  return useQuery({
    queryKey: staffKeys.companyPick(q),
    queryFn: () => data(client.GET('/api/v1/staff/companies', { params: { query: { limit: 20, q: q || undefined } } })),
  });
}

export function useStaffCompany(id: string) {
  return useQuery({
    queryKey: staffKeys.company(id),
    queryFn: () => data(client.GET('/api/v1/staff/companies/{id}', { params: { path: { id } } })),
  });
}

export const unlockProfile = (id: string) =>
  data(client.POST('/api/v1/staff/profiles/{id}/unlock', { params: { path: { id } } }));

export function useAuditLog(action: string, entity: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.audit(action, entity),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/audit', {
          params: {
            query: {
              limit: 50,
              cursor: pageParam || undefined,
              action: action || undefined,
              entity: entity || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** E-1: the outbox, newest first, refreshed every 5 s; `to` is an exact address or empty. */
export function useMailbox(to: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.mailbox(to),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/mailbox', {
          params: { query: { limit: 50, to: to || undefined, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
}

export function useMail(id: string) {
  return useQuery({
    queryKey: staffKeys.mail(id),
    queryFn: () => data(client.GET('/api/v1/staff/mailbox/{id}', { params: { path: { id } } })),
  });
}

export type OwnStaffSettings = RequestBody<'/api/v1/staff/me', 'patch'>;

/** The signed-in staff user with their own settings (time zone). */
export function useOwnStaffUser() {
  return useQuery({ queryKey: ['staff-me'], queryFn: () => data(client.GET('/api/v1/staff/me')) });
}

export const updateOwnStaffSettings = (body: OwnStaffSettings) => data(client.PATCH('/api/v1/staff/me', { body }));
