import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { buildCatalogue, buildCompany, buildLicense } from '../../../test/factories.js';
import { setupApp } from '../../../test/helpers.js';
import { grantLicenseSupport, grantStorefrontSupport, isVipCompany, planAt, ticketPlanFor } from './plans.js';
import {
  adjustCredits,
  chargeCredits,
  creditBalance,
  grantCredits,
  listCreditEntries,
  refundCredits,
} from './wallet.js';

const t = await setupApp();
const system: Actor = { kind: 'system', name: 'test' };
const DAY = 86_400_000;

async function ledgerSum(companyId: string): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('credit_entries')
    .select(sql<string>`coalesce(sum(amount), 0)`.as('sum'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

describe('support credit wallet (S-2)', () => {
  it('S-2 keeps the balance equal to the sum of the ledger after every kind of entry', async () => {
    const c = await buildCompany(t.ctx);
    const at = t.clock.now();
    const base = { companyId: c.id, actor: system, reason: 'test', at };
    await grantCredits(t.ctx.db, { ...base, credits: 50 });
    await chargeCredits(t.ctx.db, { ...base, credits: 10 });
    await refundCredits(t.ctx.db, { ...base, credits: 5 });
    await adjustCredits(t.ctx.db, { ...base, credits: -7 });
    await adjustCredits(t.ctx.db, { ...base, credits: 2 });
    expect(await creditBalance(t.ctx.db, c.id)).toBe(40);
    expect(await ledgerSum(c.id)).toBe(40);
    const page = await listCreditEntries(t.ctx.db, c.id, { limit: 3 });
    expect(page.items.map((e) => [e.kind, e.amount, e.balance_after])).toEqual([
      ['adjusted', 2, 40],
      ['adjusted', -7, 38],
      ['refunded', 5, 45],
    ]);
    const rest = await listCreditEntries(t.ctx.db, c.id, { limit: 3, cursor: page.nextCursor ?? '' });
    expect(rest.items.map((e) => e.kind)).toEqual(['charged', 'granted']);
    expect(rest.nextCursor).toBeNull();
  });

  it('S-2 never lets a charge or an adjustment take the balance below zero, and writes nothing then', async () => {
    const c = await buildCompany(t.ctx);
    const base = { companyId: c.id, actor: system, reason: 'test', at: t.clock.now() };
    await grantCredits(t.ctx.db, { ...base, credits: 5 });
    await expect(chargeCredits(t.ctx.db, { ...base, credits: 10 })).rejects.toMatchObject({
      code: 'insufficient-credits',
    });
    await expect(adjustCredits(t.ctx.db, { ...base, credits: -6 })).rejects.toMatchObject({
      code: 'insufficient-credits',
    });
    expect(await creditBalance(t.ctx.db, c.id)).toBe(5);
    expect((await listCreditEntries(t.ctx.db, c.id, { limit: 10 })).items).toHaveLength(1);
  });

  it('S-2 refuses zero, negative and fractional credits as field errors', async () => {
    const c = await buildCompany(t.ctx);
    const base = { companyId: c.id, actor: system, reason: 'test', at: t.clock.now() };
    for (const credits of [0, -3, 1.5, Number.NaN])
      await expect(grantCredits(t.ctx.db, { ...base, credits })).rejects.toMatchObject({
        code: 'validation-failed',
        fieldErrors: [expect.objectContaining({ field: 'credits' })],
      });
    await expect(chargeCredits(t.ctx.db, { ...base, credits: -1 })).rejects.toMatchObject({
      code: 'validation-failed',
    });
  });

  it('S-2 counts an entry with a source once, however often it is posted', async () => {
    const c = await buildCompany(t.ctx);
    const base = { companyId: c.id, actor: system, reason: 'test', at: t.clock.now(), source: 'order-line:1' };
    const first = await grantCredits(t.ctx.db, { ...base, credits: 30 });
    const again = await grantCredits(t.ctx.db, { ...base, credits: 30 });
    expect(first.applied).toBe(true);
    expect(again).toMatchObject({ applied: false, balance: 30 });
    expect(again.entry.id).toBe(first.entry.id);
    expect(await creditBalance(t.ctx.db, c.id)).toBe(30);
  });

  it('S-2 the ledger is append-only: the database refuses to change or delete an entry', async () => {
    const c = await buildCompany(t.ctx);
    const posted = await grantCredits(t.ctx.db, {
      companyId: c.id,
      actor: system,
      reason: 'x',
      at: t.clock.now(),
      credits: 3,
    });
    await expect(
      t.ctx.db.updateTable('credit_entries').set({ amount: 300 }).where('id', '=', posted.entry.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.deleteFrom('credit_entries').where('id', '=', posted.entry.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'S-2 on PostgreSQL 20 charges at once against a balance for 3 charge exactly 3, and the balance ends at 0',
    async () => {
      const c = await buildCompany(t.ctx);
      const at = t.clock.now();
      await grantCredits(t.ctx.db, { companyId: c.id, actor: system, reason: 'seed', at, credits: 15 });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          chargeCredits(t.ctx.db, { companyId: c.id, actor: system, reason: `charge ${i}`, at, credits: 5 }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(17);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'insufficient-credits' });
      expect(await creditBalance(t.ctx.db, c.id)).toBe(0);
      expect(await ledgerSum(c.id)).toBe(0);
    },
  );

  it.runIf(!!process.env.DATABASE_URL)(
    'S-2 on PostgreSQL the same source posted 10 times at once counts once',
    async () => {
      const c = await buildCompany(t.ctx);
      const at = t.clock.now();
      await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          grantCredits(t.ctx.db, {
            companyId: c.id,
            actor: system,
            reason: 'x',
            at,
            credits: 30,
            source: 'order-line:race',
          }),
        ),
      );
      expect(await creditBalance(t.ctx.db, c.id)).toBe(30);
      expect(await ledgerSum(c.id)).toBe(30);
    },
  );
});

describe('support plans per license (S-1, S-3, S-4)', () => {
  it('S-2 a company gets 50 credits with its first license, 30 with each further one and 30 per additional storefront', async () => {
    const cat = await buildCatalogue(t.ctx);
    await t.ctx.db
      .insertInto('support_product_terms')
      .values({ product_id: cat.moduleId, plan: 'credit', storefront: true })
      .execute();
    const c = await buildCompany(t.ctx);
    const at = t.clock.now();
    const l1 = await buildLicense(t.ctx, c.id, cat);
    const l2 = await buildLicense(t.ctx, c.id, cat);
    const g1 = await grantLicenseSupport(t.ctx.db, {
      licenseId: l1.id,
      companyId: c.id,
      productId: cat.productId,
      at,
      actor: system,
    });
    const g2 = await grantLicenseSupport(t.ctx.db, {
      licenseId: l2.id,
      companyId: c.id,
      productId: cat.productId,
      moduleProductIds: [cat.moduleId, cat.module2Id],
      at,
      actor: system,
    });
    expect([g1.credits, g2.credits]).toEqual([50, 60]);
    // Granting again (a retried fulfilment) adds nothing.
    const again = await grantLicenseSupport(t.ctx.db, {
      licenseId: l1.id,
      companyId: c.id,
      productId: cat.productId,
      at,
      actor: system,
    });
    expect(again).toMatchObject({ applied: false, credits: 0 });
    expect(
      await grantStorefrontSupport(t.ctx.db, {
        licenseId: l2.id,
        companyId: c.id,
        moduleProductId: cat.moduleId,
        at,
        actor: system,
      }),
    ).toBe(0);
    expect(await creditBalance(t.ctx.db, c.id)).toBe(110);
  });

  it('S-3 a period-based license is free for its days from purchase, then credit-based; S-4 VIP care lasts a year', async () => {
    const cat = await buildCatalogue(t.ctx);
    await t.ctx.db
      .insertInto('support_product_terms')
      .values([
        { product_id: cat.productId, plan: 'period', period_days: 45 },
        { product_id: cat.otherProductId, plan: 'vip' },
      ])
      .execute();
    const c = await buildCompany(t.ctx);
    const at = t.clock.now();
    const period = await buildLicense(t.ctx, c.id, cat);
    const vip = await buildLicense(t.ctx, c.id, cat, { productId: cat.otherProductId });
    const g = await grantLicenseSupport(t.ctx.db, {
      licenseId: period.id,
      companyId: c.id,
      productId: cat.productId,
      at,
      actor: system,
    });
    expect(g).toMatchObject({ plan: 'period', credits: 0, periodEndsAt: new Date(at.getTime() + 45 * DAY) });
    expect(await creditBalance(t.ctx.db, c.id)).toBe(0);
    const row = { period_ends_at: g.periodEndsAt, vip_until: null };
    expect(planAt(row, new Date(at.getTime() + 45 * DAY - 1))).toBe('period');
    expect(planAt(row, new Date(at.getTime() + 45 * DAY))).toBe('credit');
    expect(await isVipCompany(t.ctx.db, c.id, at)).toBe(false);
    await grantLicenseSupport(t.ctx.db, {
      licenseId: vip.id,
      companyId: c.id,
      productId: cat.otherProductId,
      at,
      actor: system,
    });
    expect(await isVipCompany(t.ctx.db, c.id, new Date(at.getTime() + 364 * DAY))).toBe(true);
    expect(await isVipCompany(t.ctx.db, c.id, new Date(at.getTime() + 365 * DAY))).toBe(false);
    expect((await ticketPlanFor(t.ctx.db, c.id, [period.id, vip.id], at)).plan).toBe('vip');
    expect(await ticketPlanFor(t.ctx.db, c.id, [period.id], at)).toMatchObject({
      plan: 'period',
      licenseId: period.id,
    });
    expect((await ticketPlanFor(t.ctx.db, c.id, [], at)).plan).toBe('credit');
  });
});
