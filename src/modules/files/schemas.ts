import { z } from 'zod';
import { binary, component } from '../../core/openapi.js';
import { pageQuery } from '../../core/pagination.js';

export const sortKeys = ['name', 'size', 'date'] as const;
export type SortKey = (typeof sortKeys)[number];

/** F-2: a folder's list: sort by name, size or date, either way, keyset pages. */
export const listQuery = z.strictObject({
  sort: z.enum(sortKeys, 'Sort by "name", "size" or "date".').default('name'),
  order: z.enum(['asc', 'desc'], 'Order is "asc" or "desc".').default('asc'),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;

export const productListQuery = listQuery.extend({
  // The folder of one version; absent means the product's files that belong to no version.
  version: z.string().trim().min(1).max(50).optional(),
});

export const fileIdParams = z.strictObject({ id: z.uuid('Not a valid file id.') });
export const productIdParams = z.strictObject({ productId: z.uuid('Not a valid product id.') });
export const companyIdParams = z.strictObject({ companyId: z.uuid('Not a valid company id.') });

export const companyFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  size: z.number(),
  mediaType: z.string(),
  createdAt: z.string(),
  uploadedBy: z.object({ kind: z.enum(['profile', 'vendor']), name: z.string() }),
  /** The API path that streams it (F-3). */
  downloadUrl: z.string(),
});
export type CompanyFileDto = z.infer<typeof companyFileSchema>;

export const productFileSchema = z.object({
  id: z.string(),
  productId: z.string(),
  version: z.string().nullable(),
  kind: z.enum(['package', 'upgrade', 'patch']),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  securityPatch: z.boolean(),
  name: z.string(),
  description: z.string(),
  size: z.number(),
  mediaType: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});
export type ProductFileDto = z.infer<typeof productFileSchema>;

export const companyFilePage = z.object({ items: z.array(companyFileSchema), nextCursor: z.string().nullable() });
export const productFilePage = z.object({ items: z.array(productFileSchema), nextCursor: z.string().nullable() });

export const updateCompanyFileBody = z.strictObject({ description: z.string().trim().max(2000) });

/** The parts of an upload to My files (F-2, F-3), for the document: a description, then the files. */
export const uploadParts = (maxFiles: number) =>
  z.object({
    description: z.string().max(2000).optional().describe('Sent before the files.'),
    files: z.array(binary).min(1).max(maxFiles).describe('File parts, under any field name.'),
  });

/** F-4: why a company sees no licensed product files. */
export const hiddenReasonSchema = z.object({
  code: z.enum(['secondary', 'license-pending', 'license-not-accepted', 'no-license']),
  message: z.string(),
});
export type HiddenReason = z.infer<typeof hiddenReasonSchema>;

export interface FolderNode {
  id: string;
  label: string;
  kind: 'brand' | 'product' | 'version' | 'modules' | 'free' | 'security' | 'company' | 'tickets';
  /** The API path (under /api/v1) that lists this folder's files; null for a folder of folders. */
  listUrl: string | null;
  fileCount: number;
  children: FolderNode[];
}
// Recursive: a component of its own, or the document points at one that does not exist.
export const folderNodeSchema: z.ZodType<FolderNode> = component(
  z.lazy(() =>
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(['brand', 'product', 'version', 'modules', 'free', 'security', 'company', 'tickets']),
      listUrl: z.string().nullable(),
      fileCount: z.number(),
      children: z.array(folderNodeSchema),
    }),
  ),
  'FolderNode',
);

/**
 * F-1: the sections of the file area. Ticket files and project files join as sections of their
 * own when those modules exist.
 */
export const treeSchema = z.object({
  sections: z.array(
    z.object({
      key: z.enum(['products', 'company', 'tickets']),
      label: z.string(),
      folders: z.array(folderNodeSchema),
      /** F-4: set when no licensed product files are visible, with why. */
      hiddenReasons: z.array(hiddenReasonSchema),
    }),
  ),
  quota: z.object({ usedBytes: z.number(), limitBytes: z.number(), fileMaxBytes: z.number() }),
});
export type TreeDto = z.infer<typeof treeSchema>;

export const securityPatchesSchema = z.object({
  products: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      brandName: z.string(),
      patches: z.array(productFileSchema),
    }),
  ),
});

// ---- F-5 upgrade packs ----
export const upgradeFloor = '4.1.0';

export const upgradeOptionsQuery = z.strictObject({
  licenseKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{16}$/, 'A license key is 16 letters.'),
});

const productRef = z.object({ productId: z.string(), name: z.string() });
export const upgradeOptionsSchema = z.object({
  licenseKey: z.string(),
  product: productRef,
  version: z.string(),
  modules: z.array(productRef),
  freeModules: z.array(productRef),
  packs: z.array(z.object({ fromVersion: z.string(), toVersion: z.string(), fromLicenseVersion: z.boolean() })),
  formats: z.array(z.enum(['tgz', 'zip'])),
});
export type UpgradeOptionsDto = z.infer<typeof upgradeOptionsSchema>;

export const upgradePackBody = z.strictObject({
  licenseKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{16}$/, 'A license key is 16 letters.'),
  moduleIds: z.array(z.uuid('Not a valid product id.')).max(100).default([]),
  freeModuleIds: z.array(z.uuid('Not a valid product id.')).max(100).default([]),
  fromVersion: z.string().trim().min(1).max(50),
  toVersion: z.string().trim().min(1).max(50),
  format: z.enum(['tgz', 'zip'], 'The archive type is "tgz" or "zip".'),
});
export type UpgradePackInput = z.infer<typeof upgradePackBody>;

// ---- staff ----
const version = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,49}$/, 'A version like 4.1.2.');
const flag = z.enum(['true', 'false', 'on', '1', '0', '']).transform((v) => v === 'true' || v === 'on' || v === '1');

/** The text fields of a staff product-file upload (multipart, F-1, F-5, F-7). */
export const productFileFields = z
  .strictObject({
    productId: z.uuid('Choose a product.'),
    version: z.union([version, z.literal('').transform(() => undefined)]).optional(),
    kind: z.enum(['package', 'upgrade', 'patch'], 'Kind is "package", "upgrade" or "patch".').default('package'),
    fromVersion: z.union([version, z.literal('').transform(() => undefined)]).optional(),
    toVersion: z.union([version, z.literal('').transform(() => undefined)]).optional(),
    securityPatch: flag.default(false),
    description: z.string().trim().max(2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'upgrade') {
      if (!v.fromVersion)
        ctx.addIssue({
          code: 'custom',
          path: ['fromVersion'],
          message: 'An upgrade file needs the version it upgrades from.',
        });
      if (!v.toVersion)
        ctx.addIssue({
          code: 'custom',
          path: ['toVersion'],
          message: 'An upgrade file needs the version it upgrades to.',
        });
    } else {
      if (v.fromVersion)
        ctx.addIssue({ code: 'custom', path: ['fromVersion'], message: 'Only upgrade files have a from version.' });
      if (v.toVersion)
        ctx.addIssue({ code: 'custom', path: ['toVersion'], message: 'Only upgrade files have a to version.' });
    }
  });
export type ProductFileFields = z.infer<typeof productFileFields>;

export const staffProductListQuery = listQuery.extend({ productId: z.uuid('Not a valid product id.').optional() });
