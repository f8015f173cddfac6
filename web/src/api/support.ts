/** The support module's API: the customer's plans, credits and hours; staff's company support and settings (S-1…S-5). */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';
import { idempotencyHeader } from './create-mutation';
import { viewerTimeZone } from '../format';

export type SupportOverview = ResponseBody<'/api/v1/support', 'get'>;
export type LicensePlan = SupportOverview['licenses'][number];
export type CreditEntry = ResponseBody<'/api/v1/support/credits', 'get'>['items'][number];
export type SupportHoursView = SupportOverview['supportHours'];
export type StaffCompanySupport = ResponseBody<'/api/v1/staff/companies/{id}/support', 'get'>;
export type StaffCredits = RequestBody<'/api/v1/staff/companies/{id}/support/credits', 'post'>;
export type LicenseSupportChange = RequestBody<'/api/v1/staff/licenses/{key}/support', 'patch'>;
export type SupportSettings = ResponseBody<'/api/v1/staff/support/settings', 'get'>;
export type SupportDefaults = SupportSettings['defaults'];
export type ProductTerms = SupportSettings['products'][number];
export type ProductTermsChange = RequestBody<'/api/v1/staff/support/products/{productId}', 'put'>;
export type SupportCalendar = ResponseBody<'/api/v1/staff/support/calendar', 'get'>;
export type CalendarSettings = RequestBody<'/api/v1/staff/support/calendar', 'put'>;

export const supportKeys = {
  overview: ['support'],
  credits: ['support', 'credits'],
  company: (id: string) => ['staff-company-support', id],
  settings: ['staff-support-settings'],
  calendar: ['staff-support-calendar'],
} as const;

export function useSupportOverview() {
  return useQuery({
    queryKey: supportKeys.overview,
    queryFn: () => data(client.GET('/api/v1/support', { params: { query: { timeZone: viewerTimeZone() } } })),
  });
}

/** The company's credit history, 25 entries a page, newest first. */
export function useCreditHistory() {
  return useInfiniteQuery({
    queryKey: supportKeys.credits,
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(client.GET('/api/v1/support/credits', { params: { query: { limit: 25, cursor: pageParam || undefined } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Staff: a company's plans, balance and ledger, 20 entries a page. */
export function useCompanySupport(id: string) {
  return useInfiniteQuery({
    queryKey: supportKeys.company(id),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/companies/{id}/support', {
          params: { path: { id }, query: { limit: 20, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.credits.nextCursor ?? undefined,
  });
}

export const postCompanyCredits = (id: string, body: StaffCredits, key: string) =>
  data(
    client.POST('/api/v1/staff/companies/{id}/support/credits', {
      params: { path: { id }, header: idempotencyHeader(key) },
      body,
    }),
  );

export const setLicenseSupport = (key: string, body: LicenseSupportChange) =>
  data(client.PATCH('/api/v1/staff/licenses/{key}/support', { params: { path: { key } }, body }));

export function useSupportSettings() {
  return useQuery({
    queryKey: supportKeys.settings,
    queryFn: () => data(client.GET('/api/v1/staff/support/settings')),
  });
}

export const saveSupportDefaults = (body: SupportDefaults) =>
  data(client.PUT('/api/v1/staff/support/settings', { body }));

export const saveProductTerms = (productId: string, body: ProductTermsChange) =>
  data(client.PUT('/api/v1/staff/support/products/{productId}', { params: { path: { productId } }, body }));

export function useSupportCalendar() {
  return useQuery({
    queryKey: supportKeys.calendar,
    queryFn: () =>
      data(client.GET('/api/v1/staff/support/calendar', { params: { query: { timeZone: viewerTimeZone() } } })),
  });
}

export const saveSupportCalendar = (body: CalendarSettings) =>
  data(client.PUT('/api/v1/staff/support/calendar', { params: { query: { timeZone: viewerTimeZone() } }, body }));
