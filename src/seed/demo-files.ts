import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Db } from '../core/db/index.js';
import type { Storage } from '../core/storage/index.js';

/** A small real .zip holding one README, so that demo downloads open. */
async function demoZip(title: string): Promise<Buffer> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  zip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    zip.on('end', () => resolve());
    zip.on('error', reject);
  });
  zip.append(`${title}\n\nThis is demo content of Clientele's file area.\n`, { name: 'README.txt' });
  await zip.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * The demo's file area (F-1 … F-7): packages, upgrade files (4.1.0 → 4.1.2 → 4.1.3), a security
 * patch and a free theme for ShopCart, a BlogEngine package (its license is Pending, so hidden), and
 * a file the vendor put into Demo Store's My files. Runs right after seedDemo on a fresh database.
 */
export async function seedDemoFiles(ctx: { db: Db; storage: Storage }, now: Date): Promise<void> {
  const { db, storage } = ctx;
  const products = await db.selectFrom('products').select(['id', 'slug', 'brand_id']).execute();
  const id = (slug: string) => products.find((p) => p.slug === slug)?.id;
  const gold = id('shopcart-gold');
  const reviews = id('shopcart-reviews');
  const blog = id('blogengine-pro');
  const company = await db.selectFrom('companies').select('id').where('name', '=', 'Demo Store').executeTakeFirst();
  if (!gold || !reviews || !blog || !company) return;
  const brand = products.find((p) => p.slug === 'shopcart-gold')?.brand_id as string;
  const theme = (
    await db
      .insertInto('products')
      .values({
        brand_id: brand,
        name: 'ShopCart Free Theme',
        slug: 'shopcart-free-theme',
        kind: 'free',
        parent_id: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const store = async (content: Buffer | string) =>
    storage.put(Readable.from([Buffer.from(content)]), { maxBytes: 10 * 1024 * 1024, prefix: 'product-files' });
  type Kind = 'package' | 'upgrade' | 'patch';
  const plan: {
    product: string;
    version: string | null;
    kind: Kind;
    from?: string;
    name: string;
    description: string;
    security?: boolean;
    zip?: boolean;
  }[] = [
    {
      product: gold,
      version: '4.1.3',
      kind: 'package',
      name: 'shopcart-gold-4.1.3.zip',
      description: 'ShopCart Gold 4.1.3, full distribution package.',
      zip: true,
    },
    {
      product: gold,
      version: '4.1.2',
      kind: 'package',
      name: 'shopcart-gold-4.1.2.zip',
      description: 'ShopCart Gold 4.1.2, full distribution package.',
      zip: true,
    },
    {
      product: gold,
      version: '4.1.0',
      kind: 'package',
      name: 'shopcart-gold-4.1.0.zip',
      description: 'ShopCart Gold 4.1.0, full distribution package.',
      zip: true,
    },
    {
      product: gold,
      version: '4.1.2',
      kind: 'upgrade',
      from: '4.1.0',
      name: 'shopcart-gold-4.1.0-to-4.1.2.diff',
      description: 'Changed files from 4.1.0 to 4.1.2.',
    },
    {
      product: gold,
      version: '4.1.3',
      kind: 'upgrade',
      from: '4.1.2',
      name: 'shopcart-gold-4.1.2-to-4.1.3.diff',
      description: 'Changed files from 4.1.2 to 4.1.3.',
    },
    {
      product: gold,
      version: '4.1.2',
      kind: 'patch',
      name: 'shopcart-gold-4.1.2-checkout-xss.patch',
      description: 'Fixes a cross-site scripting flaw in the checkout address form. Apply to 4.1.2.',
      security: true,
    },
    {
      product: reviews,
      version: '4.1.0',
      kind: 'package',
      name: 'product-reviews-4.1.0.zip',
      description: 'Product Reviews add-on 4.1.0.',
      zip: true,
    },
    {
      product: reviews,
      version: '4.1.2',
      kind: 'upgrade',
      from: '4.1.0',
      name: 'product-reviews-4.1.0-to-4.1.2.diff',
      description: 'Product Reviews changes for ShopCart 4.1.2.',
    },
    {
      product: theme,
      version: null,
      kind: 'package',
      name: 'shopcart-free-theme.zip',
      description: 'A free storefront theme for every ShopCart customer.',
      zip: true,
    },
    {
      product: theme,
      version: '4.1.2',
      kind: 'upgrade',
      from: '4.1.0',
      name: 'free-theme-4.1.0-to-4.1.2.diff',
      description: 'Theme changes for ShopCart 4.1.2.',
    },
    {
      product: blog,
      version: '2.4.1',
      kind: 'package',
      name: 'blogengine-pro-2.4.1.zip',
      description: 'BlogEngine Pro 2.4.1.',
      zip: true,
    },
  ];
  for (const f of plan) {
    const stored = await store(f.zip ? await demoZip(f.description) : `--- demo ${f.kind} ---\n${f.description}\n`);
    await db
      .insertInto('product_files')
      .values({
        product_id: f.product,
        version: f.version,
        kind: f.kind,
        from_version: f.kind === 'upgrade' ? (f.from ?? null) : null,
        to_version: f.kind === 'upgrade' ? f.version : null,
        security_patch: f.security ?? false,
        name: f.name,
        description: f.description,
        size: stored.size,
        media_type: f.zip ? 'application/zip' : 'text/plain',
        storage_key: stored.key,
        sha256: stored.sha256,
        created_at: now,
        created_by: null,
      })
      .execute();
  }
  const welcome = await store(
    "Welcome to Demo Store's file area.\n\nYour vendor can put files here for you, and you can upload your own.\n",
  );
  await db
    .insertInto('company_files')
    .values({
      company_id: company.id,
      name: 'Getting started.txt',
      description: 'Put here by the vendor.',
      size: welcome.size,
      media_type: 'text/plain',
      storage_key: welcome.key,
      sha256: welcome.sha256,
      uploaded_by_profile: null,
      uploaded_by_staff: (
        await db
          .selectFrom('staff_users')
          .select('id')
          .where('email', '=', 'admin@vendor.test')
          .executeTakeFirstOrThrow()
      ).id,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
