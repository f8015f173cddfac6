import type { AppContext } from '../../core/context.js';
import type { ProfileActor } from '../../core/policy.js';
import { compareVersions, productsWithBrands } from '../licenses/index.js';
import { countCustomerAttachments } from '../tickets/index.js';
import { canSeeProduct } from './policy.js';
import { companyUsage } from './queries.js';
import type { FolderNode, TreeDto } from './schemas.js';
import { hiddenReasons, productVisibility } from './visibility.js';

const noVersion = 'Other files';

/**
 * F-1: the folder tree of the file area. Product files: per brand → per product → per version, the
 * modules of the license under each version, security patches per product, free software per brand;
 * only products the profile may see (F-4). My files: one folder. Ticket and project files become
 * sections of their own when those modules exist.
 */
export async function getFolderTree(ctx: AppContext, actor: ProfileActor): Promise<TreeDto> {
  const { db } = ctx;
  const v = await productVisibility(db, actor);
  const counts = await db
    .selectFrom('product_files as f')
    .innerJoin(productsWithBrands(db).as('p'), 'p.id', 'f.product_id')
    .select([
      'p.id as productId',
      'p.kind',
      'p.name as productName',
      'p.parent_id as parentId',
      'p.brand_id as brandId',
      'p.brand_name as brandName',
      'f.version',
    ])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .select((eb) => eb.fn.count<string>(eb.case().when('f.security_patch', '=', true).then(1).end()).as('security'))
    .where((eb) => {
      const ors = [eb('p.kind', '=', 'free')];
      if (v.licensed.size) ors.push(eb('p.id', 'in', [...v.licensed]));
      return eb.or(ors);
    })
    .groupBy(['p.id', 'p.kind', 'p.name', 'p.parent_id', 'p.brand_id', 'p.brand_name', 'f.version'])
    .execute();
  const visible = counts.filter((c) => canSeeProduct(v, { id: c.productId, kind: c.kind }));

  const brands = new Map<string, FolderNode & { free: FolderNode | null }>();
  const brandNode = (id: string, name: string) => {
    let b = brands.get(id);
    if (!b) {
      b = { id: `brand:${id}`, label: name, kind: 'brand', listUrl: null, fileCount: 0, children: [], free: null };
      brands.set(id, b);
    }
    return b;
  };
  const versionFolder = (productId: string, version: string | null, n: number): FolderNode => ({
    id: `product:${productId}:${version ?? ''}`,
    label: version ?? noVersion,
    kind: 'version',
    listUrl: `/files/products/${productId}${version === null ? '' : `?version=${encodeURIComponent(version)}`}`,
    fileCount: n,
    children: [],
  });
  const byVersionDesc = (a: FolderNode, b: FolderNode) =>
    a.label === noVersion ? 1 : b.label === noVersion ? -1 : compareVersions(b.label, a.label);

  const products = new Map<string, FolderNode>();
  const productNode = (c: (typeof visible)[number]) => {
    let p = products.get(c.productId);
    if (!p) {
      p = {
        id: `product:${c.productId}`,
        label: c.productName,
        kind: 'product',
        listUrl: null,
        fileCount: 0,
        children: [],
      };
      products.set(c.productId, p);
    }
    return p;
  };
  const securityByProduct = new Map<string, number>();
  // Main and free products first; modules hang under their main product's version folders.
  for (const c of visible.filter((x) => x.kind !== 'module')) {
    const b = brandNode(c.brandId, c.brandName);
    const p = productNode(c);
    if (!p.fileCount) {
      if (c.kind === 'free') {
        b.free ??= {
          id: `free:${c.brandId}`,
          label: 'Free software',
          kind: 'free',
          listUrl: null,
          fileCount: 0,
          children: [],
        };
        b.free.children.push(p);
      } else b.children.push(p);
    }
    p.children.push(versionFolder(c.productId, c.version, Number(c.n)));
    p.fileCount += Number(c.n);
    securityByProduct.set(c.productId, (securityByProduct.get(c.productId) ?? 0) + Number(c.security));
  }
  for (const c of visible.filter((x) => x.kind === 'module')) {
    securityByProduct.set(c.productId, (securityByProduct.get(c.productId) ?? 0) + Number(c.security));
    const main = c.parentId ? products.get(c.parentId) : undefined;
    if (!main || !c.parentId) {
      // Its main product has no visible files: the module stands as a product of its own.
      const own = productNode(c);
      if (!own.fileCount) brandNode(c.brandId, c.brandName).children.push(own);
      own.children.push(versionFolder(c.productId, c.version, Number(c.n)));
      own.fileCount += Number(c.n);
      continue;
    }
    let ver = main.children.find((x) => x.id === `product:${c.parentId}:${c.version ?? ''}`);
    if (!ver) {
      ver = versionFolder(c.parentId, c.version, 0);
      main.children.push(ver);
    }
    let modules = ver.children.find((x) => x.kind === 'modules');
    if (!modules) {
      modules = {
        id: `${ver.id}:modules`,
        label: 'Modules',
        kind: 'modules',
        listUrl: null,
        fileCount: 0,
        children: [],
      };
      ver.children.push(modules);
    }
    modules.children.push({ ...versionFolder(c.productId, c.version, Number(c.n)), label: c.productName });
    modules.fileCount += Number(c.n);
    main.fileCount += Number(c.n);
  }
  for (const [productId, p] of products) {
    p.children.sort(byVersionDesc);
    const n = securityByProduct.get(productId) ?? 0;
    if (n > 0 && v.mayUseLicensed)
      p.children.unshift({
        id: `security:${productId}`,
        label: 'Security patches',
        kind: 'security',
        listUrl: `/files/security-patches?productId=${productId}`,
        fileCount: n,
        children: [],
      });
  }
  const brandFolders = [...brands.values()]
    .sort((a, b) => a.label.localeCompare(b.label))
    .map(({ free, ...b }) => {
      b.children.sort((x, y) => x.label.localeCompare(y.label));
      if (free) {
        // The "Free software" folder counts the files of the products in it, like any other folder.
        free.fileCount = free.children.reduce((t, x) => t + x.fileCount, 0);
        b.children.push(free);
      }
      b.fileCount = b.children.reduce((s, c) => s + c.fileCount, 0);
      return b;
    });

  const ticketCount = await countCustomerAttachments(db, actor.companyId);
  const myCount = await db
    .selectFrom('company_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('company_id', '=', actor.companyId)
    .executeTakeFirst();
  return {
    sections: [
      {
        key: 'products',
        label: 'Product files',
        folders: brandFolders,
        hiddenReasons: await hiddenReasons(db, actor, v),
      },
      {
        key: 'company',
        label: 'Company files',
        folders: [
          {
            id: 'company',
            label: 'My files',
            kind: 'company',
            listUrl: '/files/company',
            fileCount: Number(myCount?.n ?? 0),
            children: [],
          },
        ],
        hiddenReasons: [],
      },
      {
        key: 'tickets',
        label: 'Ticket files',
        folders: [
          {
            id: 'tickets',
            label: 'Ticket files',
            kind: 'tickets',
            listUrl: '/files/tickets',
            fileCount: ticketCount,
            children: [],
          },
        ],
        hiddenReasons: [],
      },
    ],
    quota: {
      usedBytes: await companyUsage(db, actor.companyId),
      limitBytes: ctx.config.companyQuotaBytes,
      fileMaxBytes: ctx.config.fileMaxBytes,
    },
  };
}
