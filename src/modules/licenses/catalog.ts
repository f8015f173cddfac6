import type { DbOrTrx } from '../../core/db/index.js';

/** A product as other modules see it (the file area's folders, F-1, F-4). */
export interface CatalogProduct {
  id: string;
  brand_id: string;
  name: string;
  slug: string;
  kind: 'main' | 'module' | 'free';
  parent_id: string | null;
}

const productColumns = ['id', 'brand_id', 'name', 'slug', 'kind', 'parent_id'] as const;

/**
 * The products as a derived table, for another module to join on a product id in the same query
 * (PostgreSQL flattens the subquery, so the plan is that of a plain join).
 */
export function catalogProducts(db: DbOrTrx) {
  return db.selectFrom('products').select(productColumns);
}

/** The products with their brand's name (`brand_name`), as a derived table like `catalogProducts`. */
export function productsWithBrands(db: DbOrTrx) {
  return db
    .selectFrom('products as p')
    .innerJoin('brands as b', 'b.id', 'p.brand_id')
    .select(['p.id', 'p.brand_id', 'p.name', 'p.slug', 'p.kind', 'p.parent_id', 'b.name as brand_name']);
}

/** One product by id, or undefined. */
export function productById(db: DbOrTrx, id: string): Promise<CatalogProduct | undefined> {
  return db.selectFrom('products').select(productColumns).where('id', '=', id).executeTakeFirst();
}

/** F-5: the free products of a brand (its free modules), by name. */
export function freeProductsOfBrand(
  db: DbOrTrx,
  brandId: string,
): Promise<{ productId: string; name: string; slug: string }[]> {
  return db
    .selectFrom('products')
    .select(['id as productId', 'name', 'slug'])
    .where('kind', '=', 'free')
    .where('brand_id', '=', brandId)
    .orderBy('name')
    .execute();
}
