/** The licenses module's API: My licenses (L-2 … L-8), releases (L-9), and the staff side of both. */
import { idempotencyHeader } from './create-mutation';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';

export type License = ResponseBody<'/api/v1/licenses/{key}', 'get'>;
export type LicenseState = License['state'];
export type LicensePage = ResponseBody<'/api/v1/licenses', 'get'>;
export type LicenseChange = RequestBody<'/api/v1/licenses/{key}', 'patch'>;
export type HolderStatus = NonNullable<LicenseChange['holderStatus']>;
export type LicenseEvent = ResponseBody<'/api/v1/licenses/{key}/history', 'get'>['items'][number];
export type Transfer = ResponseBody<'/api/v1/license-transfers', 'get'>['items'][number];
export type TransferRequest = RequestBody<'/api/v1/licenses/{key}/transfers', 'post'>;
export type ProductReleases = ResponseBody<'/api/v1/products/{id}/releases', 'get'>;
export type Release = ProductReleases['releases'][number];
export type StaffLicense = ResponseBody<'/api/v1/staff/licenses', 'get'>['items'][number];
export type NewLicense = RequestBody<'/api/v1/staff/licenses', 'post'>;
/** The brands and products staff choose from (GET /staff/products). */
export type Catalogue = ResponseBody<'/api/v1/staff/products', 'get'>;

export interface LicenseFilters {
  url?: string;
  brand?: string;
  status?: string;
  state?: LicenseState;
  /** The licenses waiting for the primary: agreement, renewal fee, an open transfer. */
  needs?: 'action';
}

export const licenseKeys = {
  /** Every list of the company's licenses, whatever its filters. */
  all: ['licenses'],
  list: (filters: LicenseFilters) => ['licenses', filters],
  own: ['licenses', 'all-own'],
  forPacks: ['licenses', 'active-for-packs'],
  license: (key: string) => ['license', key],
  history: (staff: boolean, key: string) => ['license-history', staff, key],
  agreement: (key: string) => ['agreement', key],
  transfers: ['license-transfers'],
  releases: (productId: string) => ['releases', productId],
  catalogue: ['staff-products'],
  staffLicenses: ['staff-licenses'],
  staffList: (filters: { key?: string; companyId?: string }) => ['staff-licenses', filters],
  feeDue: ['staff-licenses', 'fee-due'],
  staffTransfers: ['staff-license-transfers'],
} as const;

/** L-2: My licenses with the URL, brand, holder status and state filters, 50 a page. */
export function useLicenses(filters: LicenseFilters) {
  return useInfiniteQuery({
    queryKey: licenseKeys.list(filters),
    queryFn: ({ pageParam }) =>
      data(client.GET('/api/v1/licenses', { params: { query: { ...filters, cursor: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The company's licenses, up to 200, to choose one from (tickets, module transfers). */
export function useOwnLicenses() {
  return useQuery({
    queryKey: licenseKeys.own,
    queryFn: () => data(client.GET('/api/v1/licenses', { params: { query: { limit: 200 } } })),
  });
}

/** Up to 100 of the company's licenses, for the upgrade pack form. */
export function useLicensesForPacks() {
  return useQuery({
    queryKey: licenseKeys.forPacks,
    queryFn: () => data(client.GET('/api/v1/licenses', { params: { query: { limit: 100 } } })),
  });
}

export function useLicense(key: string) {
  return useQuery({
    queryKey: licenseKeys.license(key),
    queryFn: () => data(client.GET('/api/v1/licenses/{key}', { params: { path: { key } } })),
  });
}

export const updateLicense = (key: string, body: LicenseChange) =>
  data(client.PATCH('/api/v1/licenses/{key}', { params: { path: { key } }, body }));

export const registerLicense = (key: string) =>
  data(client.POST('/api/v1/licenses/{key}/register', { params: { path: { key } } }));

/** L-6: the license's events; staff see the whole history, holders their part. */
export function useLicenseHistory(key: string, staff: boolean) {
  return useQuery({
    queryKey: licenseKeys.history(staff, key),
    queryFn: () =>
      data(
        staff
          ? client.GET('/api/v1/staff/licenses/{key}/history', { params: { path: { key } } })
          : client.GET('/api/v1/licenses/{key}/history', { params: { path: { key } } }),
      ),
  });
}

export function useAgreement(key: string) {
  return useQuery({
    queryKey: licenseKeys.agreement(key),
    queryFn: () => data(client.GET('/api/v1/licenses/{key}/agreement', { params: { path: { key } } })),
  });
}

export const acceptLicense = (key: string) =>
  data(client.POST('/api/v1/licenses/{key}/accept', { params: { path: { key } }, body: { agree: true } }));

export const changeLicenseUrl = (key: string, body: RequestBody<'/api/v1/licenses/{key}/url', 'post'>) =>
  data(client.POST('/api/v1/licenses/{key}/url', { params: { path: { key } }, body }));

export const cancelUrlChange = (key: string) =>
  data(client.DELETE('/api/v1/licenses/{key}/url-change', { params: { path: { key } } }));

export const requestTransfer = (key: string, body: TransferRequest, idempotencyKey: string) =>
  data(
    client.POST('/api/v1/licenses/{key}/transfers', {
      params: { path: { key }, header: idempotencyHeader(idempotencyKey) },
      body,
    }),
  );

export const transferModule = (key: string, body: RequestBody<'/api/v1/licenses/{key}/module-transfers', 'post'>) =>
  data(client.POST('/api/v1/licenses/{key}/module-transfers', { params: { path: { key } }, body }));

/** L-7: transfers waiting for this company's answer, and its own open requests. */
export function useLicenseTransfers() {
  return useQuery({ queryKey: licenseKeys.transfers, queryFn: () => data(client.GET('/api/v1/license-transfers')) });
}

export function answerTransfer(id: string, verb: 'accept' | 'decline' | 'cancel') {
  const init = { params: { path: { id } } };
  if (verb === 'accept') return data(client.POST('/api/v1/license-transfers/{id}/accept', init));
  if (verb === 'decline') return data(client.POST('/api/v1/license-transfers/{id}/decline', init));
  return data(client.POST('/api/v1/license-transfers/{id}/cancel', init));
}

/** L-9: a product's versions with their marks. */
export function useReleases(productId: string, options: { staleTime?: number } = {}) {
  return useQuery({
    queryKey: licenseKeys.releases(productId),
    queryFn: () => data(client.GET('/api/v1/products/{id}/releases', { params: { path: { id: productId } } })),
    ...options,
  });
}

// ---- staff ----

export function useStaffLicenses(filters: { key?: string; companyId?: string }) {
  return useQuery({
    queryKey: licenseKeys.staffList(filters),
    queryFn: () => data(client.GET('/api/v1/staff/licenses', { params: { query: filters } })),
  });
}

/** URL changes waiting for the renewal fee. */
export function useFeeDueLicenses() {
  return useQuery({
    queryKey: licenseKeys.feeDue,
    queryFn: () => data(client.GET('/api/v1/staff/licenses', { params: { query: { feeDue: 'true' } } })),
  });
}

export const issueLicense = (body: NewLicense, key: string) =>
  data(client.POST('/api/v1/staff/licenses', { body, params: { header: idempotencyHeader(key) } }));

export const staffLicenseAction = (key: string, action: 'verify' | 'revoke') =>
  data(client.POST('/api/v1/staff/licenses/{key}/{action}', { params: { path: { key, action } } }));

export const waiveUrlChangeFee = (key: string) =>
  data(client.POST('/api/v1/staff/licenses/{key}/url-change/waive', { params: { path: { key } } }));

export function useStaffTransfers() {
  return useQuery({
    queryKey: licenseKeys.staffTransfers,
    queryFn: () => data(client.GET('/api/v1/staff/license-transfers')),
  });
}

export const approveTransfer = (id: string) =>
  data(client.POST('/api/v1/staff/license-transfers/{id}/approve', { params: { path: { id } } }));

export function useCatalogue() {
  return useQuery({ queryKey: licenseKeys.catalogue, queryFn: () => data(client.GET('/api/v1/staff/products')) });
}

export const addRelease = (
  productId: string,
  body: RequestBody<'/api/v1/staff/products/{id}/releases', 'post'>,
  key: string,
) =>
  data(
    client.POST('/api/v1/staff/products/{id}/releases', {
      params: { path: { id: productId }, header: idempotencyHeader(key) },
      body,
    }),
  );

export const withdrawRelease = (id: string) =>
  data(client.DELETE('/api/v1/staff/releases/{id}', { params: { path: { id } } }));
