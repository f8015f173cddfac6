/** The files module's API: the file area (F-1 … F-7) and the staff's product files. */
import { sendForm } from './upload';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiError, client, type components, data, type RequestBody, type ResponseBody, request } from './client';

export type FileTree = ResponseBody<'/api/v1/files/tree', 'get'>;
export type FolderNode = components['schemas']['FolderNode'];
export type Quota = FileTree['quota'];
export type CompanyFile = ResponseBody<'/api/v1/files/company', 'get'>['items'][number];
export type ProductFile = ResponseBody<'/api/v1/files/products/{productId}', 'get'>['items'][number];
/** A file of any folder: My files and ticket files (CompanyFile), or product files. */
export type FileItem = CompanyFile | ProductFile;
export type SecurityPatches = ResponseBody<'/api/v1/files/security-patches', 'get'>;
export type UpgradeOptions = ResponseBody<'/api/v1/files/upgrade-packs', 'get'>;
export type UpgradePackRequest = RequestBody<'/api/v1/files/upgrade-packs', 'post'>;
export type StaffProductFile = ResponseBody<'/api/v1/staff/files/product-files', 'get'>['items'][number];

type FolderPage =
  | ResponseBody<'/api/v1/files/company', 'get'>
  | ResponseBody<'/api/v1/files/tickets', 'get'>
  | ResponseBody<'/api/v1/files/products/{productId}', 'get'>;
export type Sort = 'name' | 'size' | 'date';
export type Order = 'asc' | 'desc';

export const fileKeys = {
  tree: ['file-tree'],
  /** The files of a folder, in every sort order. */
  folder: (listUrl: string) => ['files', listUrl],
  folderSorted: (listUrl: string, sort: Sort, order: Order) => ['files', listUrl, sort, order],
  securityPatches: ['security-patches'],
  upgradeOptions: (key: string | null) => ['upgrade-options', key],
  /** Every list of product files, whatever the product. */
  productFiles: ['staff-product-files'],
  productFilesOf: (productId: string | null) => ['staff-product-files', productId],
} as const;

/** The folder a company's own uploads go to (F-3). */
export const companyFolderUrl = '/files/company';

export function useFileTree() {
  return useQuery({ queryKey: fileKeys.tree, queryFn: () => data(client.GET('/api/v1/files/tree')) });
}

/**
 * F-2: the files of the folder at `listUrl` (a folder's listUrl in the tree), 50 a page. A security
 * patches folder is one list, sorted here since the server groups it by product.
 */
export function useFolderFiles(listUrl: string, sort: Sort, order: Order) {
  const security = listUrl.startsWith('/files/security-patches');
  return useInfiniteQuery({
    queryKey: fileKeys.folderSorted(listUrl, sort, order),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }): Promise<{ items: FileItem[]; nextCursor: string | null }> => {
      if (security) {
        const s = await request<SecurityPatches>('GET', listUrl);
        return { items: s.products.flatMap((p) => p.patches), nextCursor: null };
      }
      const sep = listUrl.includes('?') ? '&' : '?';
      return request<FolderPage>(
        'GET',
        `${listUrl}${sep}sort=${sort}&order=${order}&limit=50${pageParam ? `&cursor=${pageParam}` : ''}`,
      );
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const updateFileDescription = (id: string, description: string) =>
  data(client.PATCH('/api/v1/files/company/{id}', { params: { path: { id } }, body: { description } }));

export const deleteCompanyFile = (id: string) =>
  data(client.DELETE('/api/v1/files/company/{id}', { params: { path: { id } } }));

/**
 * F-3: one file to My files, with XMLHttpRequest, which reports upload progress (fetch does not).
 * Answers as POST /files/company declares.
 */
export function uploadCompanyFile(
  file: File,
  description: string,
  onProgress: (percent: number) => void,
  key: string,
): Promise<ResponseBody<'/api/v1/files/company', 'post'>> {
  const form = new FormData();
  form.append('description', description);
  form.append('file', file, file.name);
  return sendForm('POST', companyFolderUrl, form, {
    idempotencyKey: key,
    onProgress: (loaded, total) => onProgress(Math.round((loaded / total) * 100)),
  });
}

/** F-7: security patches listed together per product. */
export function useSecurityPatches() {
  return useQuery({
    queryKey: fileKeys.securityPatches,
    queryFn: () => data(client.GET('/api/v1/files/security-patches')),
  });
}

/** F-5: what an upgrade pack of this license may hold. */
export function useUpgradeOptions(licenseKey: string | null) {
  return useQuery({
    queryKey: fileKeys.upgradeOptions(licenseKey),
    queryFn: () =>
      data(client.GET('/api/v1/files/upgrade-packs', { params: { query: { licenseKey: licenseKey ?? '' } } })),
    enabled: !!licenseKey,
  });
}

/** F-5: builds the archive and hands it to the browser as a download. */
export async function downloadUpgradePack(body: UpgradePackRequest): Promise<void> {
  const { data: blob, error, response } = await client.POST('/api/v1/files/upgrade-packs', { body, parseAs: 'blob' });
  if (!response.ok || !blob) throw apiError(response.status, response.statusText, error);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `upgrade.${body.format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- staff ----

/** Product files, newest first, of one product or of all. */
export function useStaffProductFiles(productId: string | null) {
  return useQuery({
    queryKey: fileKeys.productFilesOf(productId),
    queryFn: () =>
      data(
        client.GET('/api/v1/staff/files/product-files', {
          params: { query: { sort: 'date', order: 'desc', limit: 100, productId: productId ?? undefined } },
        }),
      ),
  });
}

/** The fields and the file of a product file, as multipart (F-1, F-5, F-7). */
export const uploadProductFile = (form: FormData, key: string) =>
  request<ResponseBody<'/api/v1/staff/files/product-files', 'post'>>('POST', '/staff/files/product-files', form, key);

export const deleteProductFile = (id: string) =>
  data(client.DELETE('/api/v1/staff/files/product-files/{id}', { params: { path: { id } } }));
