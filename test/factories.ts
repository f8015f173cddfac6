import { randomBytes } from 'node:crypto';
import type { AppContext } from '../src/core/context.js';
import type { ProfileRole, StaffRole } from '../src/core/permissions.js';
import { hashPassword } from '../src/core/password.js';
import { createSession } from '../src/modules/auth/sessions.js';
import type { Auth } from './helpers.js';

/** The password of every person the factories create. */
export const testPassword = 'Correct-Horse-42';
let hashOnce: Promise<string> | undefined;
const passwordHash = () => (hashOnce ??= hashPassword(testPassword));

export const uniq = () => randomBytes(5).toString('hex');

export interface TestPerson {
  id: string;
  email: string;
  name: string;
  auth: Auth;
}

export interface TestCompany {
  id: string;
  name: string;
  primary: TestPerson;
  advanced: TestPerson;
  secondary: TestPerson;
}

/** Opens a session directly (no log-in round trip) for a profile or staff user. */
export async function sessionFor(ctx: AppContext, owner: { profileId: string } | { staffId: string }): Promise<Auth> {
  const s = await createSession(ctx.db, owner, { ip: '127.0.0.1', userAgent: 'vitest' }, ctx.clock.now(), 14);
  return { cookie: s.token, csrf: s.csrfToken };
}

/** A fresh company with a primary, an advanced secondary and a secondary profile, each signed in. */
export async function buildCompany(ctx: AppContext, name = `Company ${uniq()}`): Promise<TestCompany> {
  const now = ctx.clock.now();
  const hash = await passwordHash();
  const company = await ctx.db
    .insertInto('companies')
    .values({ name, created_at: now, updated_at: now })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  const person = async (role: ProfileRole, label: string): Promise<TestPerson> => {
    const email = `${role}-${uniq()}@example.com`;
    const p = await ctx.db
      .insertInto('profiles')
      .values({
        company_id: company.id,
        role,
        email,
        name: label,
        password_hash: hash,
        email_confirmed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return { id: p.id, email, name: label, auth: await sessionFor(ctx, { profileId: p.id }) };
  };
  return {
    id: company.id,
    name: company.name,
    primary: await person('primary', 'Pat Primary'),
    advanced: await person('advanced', 'Ann Advanced'),
    secondary: await person('secondary', 'Sid Secondary'),
  };
}

export async function buildStaff(ctx: AppContext, role: StaffRole): Promise<TestPerson> {
  const now = ctx.clock.now();
  const email = `${role}-${uniq()}@vendor.example`;
  const u = await ctx.db
    .insertInto('staff_users')
    .values({
      email,
      name: `Staff ${role}`,
      role,
      password_hash: await passwordHash(),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: u.id, email, name: `Staff ${role}`, auth: await sessionFor(ctx, { staffId: u.id }) };
}

/** The mail queued to an address, newest first. */
export async function mailTo(ctx: AppContext, to: string) {
  return ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').execute();
}

export interface TestCatalogue {
  brandId: string;
  productId: string;
  moduleId: string;
  module2Id: string;
  otherProductId: string;
}

/** A brand with a main product (releases 4.6.0 … 4.7.2), two of its modules and another main product. */
export async function buildCatalogue(ctx: AppContext): Promise<TestCatalogue> {
  const now = ctx.clock.now();
  const u = uniq();
  const brand = await ctx.db
    .insertInto('brands')
    .values({
      name: `Brand ${u}`,
      slug: `brand-${u}`,
      agreement: 'You may run the software on one store.',
      shop_url: 'https://shop.example.com/addons',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const product = async (name: string, kind: 'main' | 'module' | 'free', parent: string | null = null) =>
    (
      await ctx.db
        .insertInto('products')
        .values({
          brand_id: brand.id,
          name,
          slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${u}`,
          kind,
          parent_id: parent,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const productId = await product('Cart', 'main');
  const moduleId = await product('Cart Wishlist', 'module', productId);
  const module2Id = await product('Cart Reviews', 'module', productId);
  const otherProductId = await product('Blog', 'main');
  const rel = (product_id: string, version: string, branch: string, released_on: string) => ({
    product_id,
    version,
    branch,
    released_on,
    created_at: now,
  });
  await ctx.db
    .insertInto('releases')
    .values([
      rel(productId, '4.6.0', '4.6', '2025-01-10'),
      rel(productId, '4.7.1', '4.7', '2026-01-15'),
      rel(productId, '4.7.2', '4.7', '2026-02-20'),
      rel(otherProductId, '2.0.0', '2.0', '2026-01-01'),
    ])
    .execute();
  return { brandId: brand.id, productId, moduleId, module2Id, otherProductId };
}

/** A license of the company (state, URL, version, modules as given); returns its key and id. */
export async function buildLicense(
  ctx: AppContext,
  companyId: string,
  cat: TestCatalogue,
  opts: {
    state?: 'pending' | 'not_accepted' | 'active' | 'revoked';
    url?: string;
    version?: string;
    modules?: string[];
    registered?: boolean;
    productId?: string;
  } = {},
): Promise<{ id: string; key: string }> {
  const { generateLicenseKey } = await import('../src/modules/licenses/license-key.js');
  const { parseStoreUrl } = await import('../src/modules/licenses/license-url.js');
  const now = ctx.clock.now();
  const url = opts.url ? parseStoreUrl(opts.url) : null;
  const version = opts.version ?? '4.7.2';
  const productId = opts.productId ?? cat.productId;
  const l = await ctx.db
    .insertInto('licenses')
    .values({
      key: generateLicenseKey(),
      company_id: companyId,
      brand_id: cat.brandId,
      product_id: productId,
      state: opts.state ?? 'active',
      url: url?.url ?? '',
      host: url?.host ?? '',
      registrable_domain: url?.registrableDomain ?? '',
      registered_at: opts.registered ? now : null,
      accepted_at: (opts.state ?? 'active') === 'active' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'key'])
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('license_items')
    .values({ license_id: l.id, product_id: productId, version, added_at: now })
    .execute();
  for (const m of opts.modules ?? [])
    await ctx.db
      .insertInto('license_items')
      .values({ license_id: l.id, product_id: m, version, added_at: now })
      .execute();
  return l;
}
