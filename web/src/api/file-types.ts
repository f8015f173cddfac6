/** The file area's API shapes (GET /api/v1/files/…). */
export interface FolderNode {
  id: string;
  label: string;
  kind: 'brand' | 'product' | 'version' | 'modules' | 'free' | 'security' | 'company' | 'tickets';
  listUrl: string | null;
  fileCount: number;
  children: FolderNode[];
}

export interface HiddenReason {
  code: 'secondary' | 'license-pending' | 'license-not-accepted' | 'no-license';
  message: string;
}

export interface FileTree {
  sections: {
    key: 'products' | 'company' | 'tickets';
    label: string;
    folders: FolderNode[];
    hiddenReasons: HiddenReason[];
  }[];
  quota: { usedBytes: number; limitBytes: number; fileMaxBytes: number };
}

export interface FileItem {
  id: string;
  name: string;
  description: string;
  size: number;
  mediaType: string;
  createdAt: string;
  downloadUrl: string;
  uploadedBy?: { kind: 'profile' | 'vendor'; name: string };
  version?: string | null;
  kind?: 'package' | 'upgrade' | 'patch';
  fromVersion?: string | null;
  toVersion?: string | null;
  securityPatch?: boolean;
  sha256?: string;
}

export interface FilePage {
  items: FileItem[];
  nextCursor: string | null;
}

export interface SecurityPatches {
  products: { productId: string; productName: string; brandName: string; patches: FileItem[] }[];
}

export interface UpgradeOptions {
  licenseKey: string;
  product: { productId: string; name: string };
  version: string;
  modules: { productId: string; name: string }[];
  freeModules: { productId: string; name: string }[];
  packs: { fromVersion: string; toVersion: string; fromLicenseVersion: boolean }[];
  formats: ('tgz' | 'zip')[];
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
