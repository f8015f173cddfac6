import type { DbOrTrx } from '../../core/db/index.js';
import { productsWithBrands } from '../licenses/index.js';
import { presentProductFile } from './presenters.js';
import type { ProductFileDto } from './schemas.js';
import type { Visibility } from './visibility.js';

/** F-7: security patches of the products the profile may see, listed together per product, newest first. */
export async function listSecurityPatches(db: DbOrTrx, v: Visibility, productId?: string) {
  let q = db
    .selectFrom('product_files as f')
    .innerJoin(productsWithBrands(db).as('p'), 'p.id', 'f.product_id')
    .selectAll('f')
    .select(['p.name as product_name', 'p.brand_name'])
    .where('f.security_patch', '=', true)
    .where((eb) => {
      const ors = [eb('p.kind', '=', 'free')];
      if (v.mayUseLicensed && v.licensed.size) ors.push(eb('p.id', 'in', [...v.licensed]));
      return eb.or(ors);
    });
  if (productId) q = q.where('f.product_id', '=', productId);
  const rows = await q
    .orderBy('p.brand_name')
    .orderBy('p.name')
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(1000)
    .execute();
  const products: { productId: string; productName: string; brandName: string; patches: ProductFileDto[] }[] = [];
  for (const r of rows) {
    let p = products.find((x) => x.productId === r.product_id);
    if (!p) {
      p = { productId: r.product_id, productName: r.product_name, brandName: r.brand_name, patches: [] };
      products.push(p);
    }
    p.patches.push(presentProductFile(r));
  }
  return { products };
}

/**
 * The customer home page: how many security patches of these products (those on the company's
 * Active licenses) were published since `since` — one probe of product_files_security_idx
 * (product_id, created_at DESC) WHERE security_patch, per product.
 */
export async function countRecentSecurityPatches(
  db: DbOrTrx,
  productIds: readonly string[],
  since: Date,
): Promise<number> {
  if (productIds.length === 0) return 0;
  const row = await db
    .selectFrom('product_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('security_patch', '=', true)
    .where('product_id', 'in', [...new Set(productIds)])
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
