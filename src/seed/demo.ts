import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../core/audit.js';
import type { Db, Trx } from '../core/db/index.js';
import { hashPassword } from '../core/password.js';
import { readablePassword } from '../core/secrets.js';
import { generateLicenseKey } from '../modules/licenses/license-key.js';
import { parseStoreUrl } from '../modules/licenses/license-url.js';
import { grantLicenseSupport } from '../modules/support/index.js';

export interface DemoLogin {
  who: string;
  email: string;
  url: string;
}

const releases = (rows: [string, string, string][]) =>
  rows.map(([version, branch, released_on]) => ({ version, branch, released_on }));

/**
 * Seeds the demo vendor: two brands with releases, staff admin@vendor.test and agent@vendor.test,
 * and the company "Demo Store" with a primary, an advanced secondary and a secondary profile.
 * Does nothing when any company or staff user exists. Returns the password used, or null.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  password?: string,
): Promise<{ password: string; logins: DemoLogin[] } | null> {
  const existing = await db
    .selectFrom('staff_users')
    .select('id')
    .union(db.selectFrom('companies').select('id'))
    .limit(1)
    .execute();
  if (existing.length) return null;
  const pw = password ?? readablePassword();
  const hash = await hashPassword(pw);
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor: { kind: 'system', name: 'demo seed' },
      action: 'demo.seeded',
      entity: 'system',
      at: now,
    });
    const stamp = { created_at: now, updated_at: now };
    await trx
      .insertInto('staff_users')
      .values([
        { email: 'admin@vendor.test', name: 'Ada Admin', role: 'admin', password_hash: hash, ...stamp },
        { email: 'agent@vendor.test', name: 'Alex Agent', role: 'agent', password_hash: hash, ...stamp },
      ])
      .execute();
    const company = await trx
      .insertInto('companies')
      .values({
        name: 'Demo Store',
        address: '1 Market Street, Springfield',
        phone: '+1 555 0100',
        billing_email: 'billing@demo.test',
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The demo's addresses count as confirmed: the vendor made these accounts, nobody signed up.
    const confirmed = { email_confirmed_at: now };
    await trx
      .insertInto('profiles')
      .values([
        {
          company_id: company.id,
          role: 'primary',
          email: 'owner@demo.test',
          name: 'Olivia Owner',
          job_title: 'Owner',
          password_hash: hash,
          ...confirmed,
          ...stamp,
        },
        {
          company_id: company.id,
          role: 'advanced',
          email: 'advanced@demo.test',
          name: 'Adam Advanced',
          job_title: 'Developer',
          password_hash: hash,
          ...confirmed,
          ...stamp,
        },
        {
          company_id: company.id,
          role: 'secondary',
          email: 'secondary@demo.test',
          name: 'Sam Secondary',
          job_title: 'Support',
          password_hash: hash,
          ...confirmed,
          ...stamp,
        },
      ])
      .execute();

    const brandRows = await trx
      .insertInto('brands')
      .values([
        {
          name: 'ShopCart',
          slug: 'shopcart',
          agreement: shopCartAgreement,
          shop_url: 'https://www.shopcart.example/addons',
          created_at: now,
        },
        {
          name: 'BlogEngine',
          slug: 'blogengine',
          agreement: 'BlogEngine license agreement.\n\nYou may run BlogEngine Pro on the site at the license URL.',
          created_at: now,
        },
      ])
      .returning(['id', 'slug'])
      .execute();
    const brand = (slug: string) => brandRows.find((b) => b.slug === slug)!.id;
    const products = await trx
      .insertInto('products')
      .values([
        { brand_id: brand('shopcart'), name: 'ShopCart Gold', slug: 'shopcart-gold', kind: 'main', created_at: now },
        {
          brand_id: brand('shopcart'),
          name: 'ShopCart Ultimate',
          slug: 'shopcart-ultimate',
          kind: 'main',
          created_at: now,
        },
        {
          brand_id: brand('shopcart'),
          name: 'Product Reviews add-on',
          slug: 'shopcart-reviews',
          kind: 'module',
          created_at: now,
        },
        {
          brand_id: brand('blogengine'),
          name: 'BlogEngine Pro',
          slug: 'blogengine-pro',
          kind: 'main',
          created_at: now,
        },
      ])
      .returning(['id', 'slug'])
      .execute();
    const product = (slug: string) => products.find((p) => p.slug === slug)!.id;
    const plan: [string, [string, string, string][]][] = [
      [
        'shopcart-gold',
        [
          ['4.0.0', '4.0', '2024-03-01'],
          ['4.0.5', '4.0', '2024-11-10'],
          ['4.1.0', '4.1', '2025-06-02'],
          ['4.1.2', '4.1', '2025-12-15'],
          ['4.1.3', '4.1', '2026-09-01'],
        ],
      ],
      [
        'shopcart-ultimate',
        [
          ['4.1.2', '4.1', '2025-12-15'],
          ['4.1.3', '4.1', '2026-09-01'],
        ],
      ],
      [
        'shopcart-reviews',
        [
          ['4.0.0', '4.0', '2024-03-01'],
          ['4.1.0', '4.1', '2025-06-02'],
        ],
      ],
      [
        'blogengine-pro',
        [
          ['2.3.0', '2.3', '2025-02-20'],
          ['2.4.0', '2.4', '2026-05-05'],
          ['2.4.1', '2.4', '2026-10-01'],
        ],
      ],
    ];
    await trx
      .insertInto('releases')
      .values(
        plan.flatMap(([slug, rows]) =>
          releases(rows).map((r) => ({ ...r, product_id: product(slug), created_at: now })),
        ),
      )
      .execute();
    // Products on licenses: a module belongs to its main product (L-8).
    await trx
      .updateTable('products')
      .set({ parent_id: product('shopcart-gold') })
      .where('id', '=', product('shopcart-reviews'))
      .execute();
    // S-1…S-4: what each product's licenses come with (the terms' table: credits, 45 days, VIP care).
    await trx
      .insertInto('support_product_terms')
      .values([
        { product_id: product('shopcart-gold'), plan: 'credit', period_days: null, updated_at: now },
        { product_id: product('blogengine-pro'), plan: 'period', period_days: 45, updated_at: now },
        { product_id: product('shopcart-ultimate'), plan: 'vip', period_days: null, updated_at: now },
      ])
      .execute();
    await seedDemoLicenses(trx, { companyId: company.id, now, brand, product });
  });
  return {
    password: pw,
    logins: [
      { who: 'Staff admin', email: 'admin@vendor.test', url: '/staff/login' },
      { who: 'Staff agent', email: 'agent@vendor.test', url: '/staff/login' },
      { who: 'Customer primary (Demo Store)', email: 'owner@demo.test', url: '/login' },
      { who: 'Customer advanced secondary', email: 'advanced@demo.test', url: '/login' },
      { who: 'Customer secondary', email: 'secondary@demo.test', url: '/login' },
    ],
  };
}

const shopCartAgreement = `ShopCart license agreement

1. The license lets you run ShopCart on one store, at the URL of the license.
2. You may move the store to another folder or third-level domain at any time.
3. After the installation is registered, one move to another domain is free; later moves need a license renewal fee.
4. When the store moves to another domain, remove the software from the old address within 48 hours.`;

/**
 * Demo Store's licenses: one Active (with a module), one Not accepted, one Pending (L-1, L-3, F-4), and
 * an Active ShopCart Ultimate with VIP care (S-4). Each gets its support as a purchase would: 50 + 30
 * credits for the two ShopCart Gold licenses, 45 free days for BlogEngine Pro, a year of VIP care.
 */
async function seedDemoLicenses(
  trx: Trx,
  d: { companyId: string; now: Date; brand: (slug: string) => string; product: (slug: string) => string },
) {
  const plan = [
    {
      brand: 'shopcart',
      product: 'shopcart-gold',
      version: '4.1.0',
      url: 'https://www.demo-store.com/shop',
      state: 'active' as const,
      modules: ['shopcart-reviews'],
    },
    {
      brand: 'shopcart',
      product: 'shopcart-gold',
      version: '4.1.3',
      url: 'https://outlet.demo-store.com',
      state: 'not_accepted' as const,
      modules: [],
    },
    {
      brand: 'blogengine',
      product: 'blogengine-pro',
      version: '2.4.1',
      url: '',
      state: 'pending' as const,
      modules: [],
    },
    {
      brand: 'shopcart',
      product: 'shopcart-ultimate',
      version: '4.1.3',
      url: 'https://market.demo-store.com',
      state: 'active' as const,
      modules: [],
    },
  ];
  for (const p of plan) {
    const url = p.url ? parseStoreUrl(p.url) : null;
    const l = await trx
      .insertInto('licenses')
      .values({
        key: generateLicenseKey(),
        company_id: d.companyId,
        brand_id: d.brand(p.brand),
        product_id: d.product(p.product),
        state: p.state,
        url: url?.url ?? '',
        host: url?.host ?? '',
        registrable_domain: url?.registrableDomain ?? '',
        holder_version: p.version,
        accepted_at: p.state === 'active' ? d.now : null,
        created_at: d.now,
        updated_at: d.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await grantLicenseSupport(trx, {
      licenseId: l.id,
      companyId: d.companyId,
      productId: d.product(p.product),
      moduleProductIds: p.modules.map((slug) => d.product(slug)),
      at: d.now,
      actor: { kind: 'system', name: 'demo seed' },
    });
    await trx
      .insertInto('license_items')
      .values(
        [p.product, ...p.modules].map((slug) => ({
          license_id: l.id,
          product_id: d.product(slug),
          version: p.version,
          added_at: d.now,
        })),
      )
      .execute();
    const events =
      p.state === 'active'
        ? ['purchased', 'verified', 'accepted']
        : p.state === 'not_accepted'
          ? ['purchased', 'verified']
          : ['purchased'];
    await trx
      .insertInto('license_events')
      .values(
        events.map((kind) => ({
          license_id: l.id,
          company_id: d.companyId,
          at: d.now,
          kind,
          actor_kind: 'system',
          actor_id: null,
          actor_label: 'demo seed',
          detail: '{}',
        })),
      )
      .execute();
  }
}

/**
 * Prints the demo log-ins once, when the demo data is created, and keeps them in
 * `<dataDir>/demo-logins.txt` (readable by its owner only) so that a later start can say where they are.
 */
export function printDemoLogins(
  publicUrl: string,
  seeded: { password: string; logins: DemoLogin[] },
  dataDir: string,
): void {
  const logins = [
    'Clientele demo data was created. Log in with:',
    ...seeded.logins.map((l) => `  ${l.who.padEnd(32)} ${l.email.padEnd(22)} ${publicUrl}${l.url}`),
    `  Password for all of them: ${seeded.password}`,
    '  (set CLIENTELE_DEMO_PASSWORD before the first start to choose it)',
  ];
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(demoLoginsFile(dataDir), `${logins.join('\n')}\n`, { mode: 0o600 });
  process.stdout.write(`\n${logins.join('\n')}\n\n`);
}

/** Where the first start kept the demo log-ins. */
export function demoLoginsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-logins.txt');
}
