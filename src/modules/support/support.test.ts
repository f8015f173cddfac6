import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, buildCompany, buildLicense, buildStaff } from '../../../test/factories.js';
import { call, setupApp } from '../../../test/helpers.js';
import type { Actor } from '../../core/audit.js';
import { defaultBusinessCalendar } from '../../core/business-calendar.js';
import { createTicket } from '../tickets/create-ticket.js';
import { chargeCredits, creditBalance, grantCredits } from './wallet.js';

const t = await setupApp();
const system: Actor = { kind: 'system', name: 'test' };
const DAY = 86_400_000;
const billing = await buildStaff(t.ctx, 'billing');
const head = await buildStaff(t.ctx, 'department_head');

async function ledgerSum(companyId: string): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('credit_entries')
    .select(sql<string>`coalesce(sum(amount), 0)`.as('sum'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}
const entryCount = async (companyId: string) =>
  (await t.ctx.db.selectFrom('credit_entries').select('id').where('company_id', '=', companyId).execute()).length;

function postCredits(companyId: string, body: unknown, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/companies/${companyId}/support/credits`,
    headers: {
      cookie: `clientele_session=${billing.auth.cookie}`,
      'x-csrf-token': billing.auth.csrf ?? '',
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

describe('customer Support section (S-1…S-5)', () => {
  it('S-1 lists each license with its plan in force: credits, a period with days left, VIP until', async () => {
    const cat = await buildCatalogue(t.ctx);
    const c = await buildCompany(t.ctx);
    const old = await buildLicense(t.ctx, c.id, cat);
    const period = await buildLicense(t.ctx, c.id, cat);
    const vip = await buildLicense(t.ctx, c.id, cat);
    const now = t.clock.now();
    await t.ctx.db
      .insertInto('support_plans')
      .values([
        {
          license_id: period.id,
          company_id: c.id,
          product_id: cat.productId,
          period_ends_at: new Date(now.getTime() + 44.5 * DAY),
          granted_at: now,
          updated_at: now,
        },
        {
          license_id: vip.id,
          company_id: c.id,
          product_id: cat.productId,
          vip_until: new Date(now.getTime() + 365 * DAY),
          granted_at: now,
          updated_at: now,
        },
      ])
      .execute();
    for (const who of [c.primary, c.advanced, c.secondary]) {
      const res = await call(t.app, who.auth, 'GET', '/api/v1/support?timeZone=Europe/Berlin');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const byKey = Object.fromEntries(body.licenses.map((l: { key: string }) => [l.key, l]));
      expect(byKey[old.key]).toMatchObject({ plan: 'credit', hasPlan: false, until: null, daysLeft: null });
      expect(byKey[period.key]).toMatchObject({ plan: 'period', hasPlan: true, daysLeft: 45 });
      expect(byKey[vip.key]).toMatchObject({
        plan: 'vip',
        vipUntil: new Date(now.getTime() + 365 * DAY).toISOString(),
      });
      expect(body.coverage.map((p: { plan: string }) => p.plan)).toEqual(['credit', 'period', 'vip']);
      expect(body.coverage[2].covers).toContain('Up to 7 minor modifications a month');
    }
  });

  it('S-5 shows the support hours on the viewer’s clock and on the cities’ of the terms', async () => {
    const c = await buildCompany(t.ctx);
    const body = (await call(t.app, c.primary.auth, 'GET', '/api/v1/support?timeZone=America/New_York')).json();
    expect(body.supportHours).toMatchObject({ timeZone: 'Asia/Dubai', viewerTimeZone: 'America/New_York' });
    expect(body.supportHours.inViewerZone[0]).toEqual({ weekday: 1, start: '00:00', end: '09:00' });
    const city = (name: string) =>
      body.supportHours.cities.find((x: { city: string }) => x.city === name).hours[0] as { start: string };
    expect(city('Berlin, Rome')).toMatchObject({ start: '06:00', end: '15:00' });
    expect(city('Hong Kong')).toMatchObject({ start: '13:00', end: '22:00' });
  });

  it('S-2 a low balance says how to get more credits; a company with enough does not', async () => {
    const c = await buildCompany(t.ctx);
    const low = (await call(t.app, c.primary.auth, 'GET', '/api/v1/support')).json();
    expect(low).toMatchObject({ balance: 0, lowBalance: true });
    expect(low.buyCredits.message).toMatch(/shop is not open yet: ask for credits in a Sales question/);
    expect(low.buyCredits.href).toBe('/tickets/new');
    await grantCredits(t.ctx.db, {
      companyId: c.id,
      credits: 50,
      actor: system,
      reason: 'First license',
      at: t.clock.now(),
    });
    expect((await call(t.app, c.primary.auth, 'GET', '/api/v1/support')).json()).toMatchObject({
      balance: 50,
      lowBalance: false,
      buyCredits: null,
    });
  });

  it('S-2 the credit history is newest first, paged by cursor, with the ticket by number, reason and who', async () => {
    const c = await buildCompany(t.ctx);
    const at = t.clock.now();
    await grantCredits(t.ctx.db, { companyId: c.id, credits: 50, actor: system, reason: 'First license', at });
    const ticket = await createTicket(
      t.ctx,
      { kind: 'profile', id: c.primary.id, companyId: c.id, role: 'primary', email: c.primary.email, name: 'Pat' },
      { type: 'generic', licenses: [], priority: 'normal', hotrush: false, title: 'Configure', message: 'Help' },
      [],
    );
    await chargeCredits(t.ctx.db, {
      companyId: c.id,
      credits: 10,
      actor: { kind: 'staff', id: billing.id, role: 'billing', email: billing.email, name: 'Agent Smith' },
      reason: 'Mis-configuration',
      at,
      ticketId: ticket.id,
    });
    for (let i = 0; i < 3; i++)
      await grantCredits(t.ctx.db, { companyId: c.id, credits: 1, actor: system, reason: `Gift ${i}`, at });
    const first = await call(t.app, c.secondary.auth, 'GET', '/api/v1/support/credits?limit=3');
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((e: { reason: string }) => e.reason)).toEqual(['Gift 2', 'Gift 1', 'Gift 0']);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = (
      await call(t.app, c.secondary.auth, 'GET', `/api/v1/support/credits?limit=3&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.nextCursor).toBeNull();
    expect(page2.items).toHaveLength(2);
    expect(page2.items[0]).toMatchObject({
      kind: 'charged',
      amount: -10,
      balanceAfter: 40,
      ticket: { number: String(ticket.number) },
      reason: 'Mis-configuration',
      who: 'Agent Smith',
    });
    expect(page2.items[1]).toMatchObject({ kind: 'granted', amount: 50, ticket: null, who: 'test' });
    // Another company's primary sees only its own (empty) ledger.
    const other = await buildCompany(t.ctx);
    expect((await call(t.app, other.primary.auth, 'GET', '/api/v1/support/credits')).json().items).toEqual([]);
    const bad = await call(t.app, c.primary.auth, 'GET', '/api/v1/support/credits?cursor=bad-cursor');
    expect(bad.statusCode).toBe(400);
  });
});

describe('staff: a company’s support (S-1…S-4)', () => {
  it('S-2 the balance equals the ledger sum after the API’s grants and adjustments', async () => {
    const c = await buildCompany(t.ctx);
    for (const [kind, credits] of [
      ['grant', 50],
      ['adjust', -20],
      ['grant', 7],
      ['adjust', 3],
      ['adjust', -40],
    ] as const) {
      const res = await postCredits(c.id, { kind, credits, reason: 'Goodwill' });
      expect(res.statusCode).toBe(201);
    }
    expect(await creditBalance(t.ctx.db, c.id)).toBe(0);
    expect(await ledgerSum(c.id)).toBe(0);
    await postCredits(c.id, { kind: 'grant', credits: 12, reason: 'Goodwill' });
    const res = await call(t.app, head.auth, 'GET', `/api/v1/staff/companies/${c.id}/support?limit=2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.balance).toBe(12);
    expect(body.balance).toBe(await ledgerSum(c.id));
    expect(body.credits.items).toHaveLength(2);
    expect(body.credits.items[0]).toMatchObject({
      kind: 'granted',
      amount: 12,
      balanceAfter: 12,
      who: 'Staff billing',
    });
    const more = await call(
      t.app,
      head.auth,
      'GET',
      `/api/v1/staff/companies/${c.id}/support?limit=50&cursor=${body.credits.nextCursor}`,
    );
    expect(more.json().credits.items).toHaveLength(4);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('company_id', '=', c.id)
      .where('action', 'like', 'support.credits.%')
      .execute();
    expect(audit).toHaveLength(6);
  });

  it('S-2 a grant of -5, 0, 1.5, "ten" or 10^9 credits, or without a reason, is a field error and writes nothing', async () => {
    const c = await buildCompany(t.ctx);
    for (const credits of [-5, 0, 1.5, 'ten', 10 ** 9]) {
      const res = await postCredits(c.id, { kind: 'grant', credits, reason: 'Bad' });
      expect(res.statusCode, String(credits)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('credits');
    }
    const zero = await postCredits(c.id, { kind: 'adjust', credits: 0, reason: 'Bad' });
    expect(zero.json().errors[0].field).toBe('credits');
    const noReason = await postCredits(c.id, { kind: 'grant', credits: 5, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect(await entryCount(c.id)).toBe(0);
    const unknown = await postCredits('00000000-0000-4000-8000-000000000000', {
      kind: 'grant',
      credits: 5,
      reason: 'x',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('S-2 an adjustment below zero is 409 insufficient-credits and nothing is written', async () => {
    const c = await buildCompany(t.ctx);
    await postCredits(c.id, { kind: 'grant', credits: 10, reason: 'Start' });
    const res = await postCredits(c.id, { kind: 'adjust', credits: -11, reason: 'Too much' }, 'adjust-below-zero');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('insufficient-credits');
    expect(await creditBalance(t.ctx.db, c.id)).toBe(10);
    expect(await entryCount(c.id)).toBe(1);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('company_id', '=', c.id)
      .where('action', '=', 'support.credits.adjusted')
      .execute();
    expect(audits).toHaveLength(0);
  });

  it('S-2 the same Idempotency-Key twice posts one entry', async () => {
    const c = await buildCompany(t.ctx);
    const body = { kind: 'grant', credits: 30, reason: 'Additional license' };
    const a = await postCredits(c.id, body, 'grant-once');
    const b = await postCredits(c.id, body, 'grant-once');
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    expect(await entryCount(c.id)).toBe(1);
    expect(await creditBalance(t.ctx.db, c.id)).toBe(30);
  });

  it('S-3 S-4 staff set a license’s period end and VIP care, and grant a license issued before plans its plan', async () => {
    const cat = await buildCatalogue(t.ctx);
    const c = await buildCompany(t.ctx);
    const l = await buildLicense(t.ctx, c.id, cat);
    const patch = (body: unknown, key = l.key) =>
      call(t.app, billing.auth, 'PATCH', `/api/v1/staff/licenses/${key}/support`, body);
    const granted = await patch({ grant: true });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ plan: 'credit', hasPlan: true });
    expect(await creditBalance(t.ctx.db, c.id)).toBe(50); // the company's first license (S-2)
    await patch({ grant: true }); // once per license
    expect(await creditBalance(t.ctx.db, c.id)).toBe(50);
    const ends = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
    expect((await patch({ periodEndsAt: ends })).json()).toMatchObject({ plan: 'period', daysLeft: 10, until: ends });
    const vip = (await patch({ vipUntil: '2027-03-02T09:00:00Z' })).json();
    expect(vip).toMatchObject({ plan: 'vip', daysLeft: 365, periodEndsAt: ends });
    expect((await patch({ vipUntil: null, periodEndsAt: null })).json()).toMatchObject({ plan: 'credit', until: null });
    const bad = await patch({ vipUntil: 'next year' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('vipUntil');
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ vipUntil: null }, 'NO-SUCH-KEY')).statusCode).toBe(404);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'support.plan.updated')
      .where('company_id', '=', c.id)
      .execute();
    expect(audits).toHaveLength(5);
    // A license that never had a plan gets a row without credits when staff set an end.
    const other = await buildLicense(t.ctx, c.id, cat);
    expect((await patch({ periodEndsAt: ends }, other.key)).json()).toMatchObject({ plan: 'period', hasPlan: true });
    expect(await creditBalance(t.ctx.db, c.id)).toBe(50);
  });
});

describe('staff: support settings (S-1…S-5)', () => {
  it('S-2 S-3 defaults and product terms are data staff edit; a license issued after gets them', async () => {
    const cat = await buildCatalogue(t.ctx);
    const get = await call(t.app, head.auth, 'GET', '/api/v1/staff/support/settings');
    expect(get.json().defaults).toEqual({
      firstLicenseCredits: 50,
      additionalLicenseCredits: 30,
      additionalStorefrontCredits: 30,
      vipDays: 365,
      vipModificationsPerMonth: 7,
    });
    const product = get.json().products.find((p: { productId: string }) => p.productId === cat.productId);
    expect(product).toMatchObject({ plan: 'credit', configured: false });
    const terms = await call(t.app, head.auth, 'PUT', `/api/v1/staff/support/products/${cat.productId}`, {
      plan: 'period',
      periodDays: 90,
      storefront: false,
    });
    expect(terms.json()).toMatchObject({ plan: 'period', periodDays: 90, configured: true });
    const missing = await call(t.app, head.auth, 'PUT', `/api/v1/staff/support/products/${cat.productId}`, {
      plan: 'period',
      periodDays: null,
      storefront: false,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('periodDays');
    const c = await buildCompany(t.ctx);
    const l = await buildLicense(t.ctx, c.id, cat);
    const plan = await call(t.app, billing.auth, 'PATCH', `/api/v1/staff/licenses/${l.key}/support`, { grant: true });
    expect(plan.json()).toMatchObject({ plan: 'period', daysLeft: 90 });
    for (const [field, value] of [
      ['firstLicenseCredits', -1],
      ['vipDays', 0],
      ['additionalLicenseCredits', 2.5],
      ['vipModificationsPerMonth', 'seven'],
    ] as const) {
      const res = await call(t.app, head.auth, 'PUT', '/api/v1/staff/support/settings', {
        ...get.json().defaults,
        [field]: value,
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
    const saved = await call(t.app, head.auth, 'PUT', '/api/v1/staff/support/settings', {
      ...get.json().defaults,
      firstLicenseCredits: 60,
    });
    expect(saved.json().defaults.firstLicenseCredits).toBe(60);
    await call(t.app, head.auth, 'PUT', '/api/v1/staff/support/settings', get.json().defaults);
  });

  it('S-5 saved support hours are what the new-ticket form shows; a bad zone, a bad time, overlapping or empty hours are field errors and nothing is stored', async () => {
    const c = await buildCompany(t.ctx);
    const put = (body: unknown) => call(t.app, head.auth, 'PUT', '/api/v1/staff/support/calendar', body);
    const res = await put({
      timeZone: 'Europe/Berlin',
      hours: {
        1: [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ],
        6: [['10:00', '14:00']],
      },
      holidays: ['2026-12-25'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.timeZone).toBe('Europe/Berlin');
    const options = (await call(t.app, c.primary.auth, 'GET', '/api/v1/tickets/options?timeZone=Europe/Berlin')).json();
    expect(options.supportHours).toMatchObject({
      timeZone: 'Europe/Berlin',
      hours: [
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 6, start: '10:00', end: '14:00' },
      ],
    });
    const support = (await call(t.app, c.primary.auth, 'GET', '/api/v1/support')).json();
    expect(support.supportHours.holidays).toEqual(['2026-12-25']);
    const overlap = [
      ['09:00', '13:00'],
      ['12:00', '18:00'],
    ];
    for (const [field, body] of [
      ['timeZone', { timeZone: 'Mars/Olympus', hours: { 1: [['09:00', '18:00']] }, holidays: [] }],
      ['hours.1.0', { timeZone: 'Asia/Dubai', hours: { 1: [['09:00', '25:00']] }, holidays: [] }],
      ['hours.1.1', { timeZone: 'Asia/Dubai', hours: { 1: overlap }, holidays: [] }],
      ['hours.2.0', { timeZone: 'Asia/Dubai', hours: { 2: [['12:00', '12:00']] }, holidays: [] }],
      ['hours', { timeZone: 'Asia/Dubai', hours: {}, holidays: [] }],
      ['holidays.0', { timeZone: 'Asia/Dubai', hours: { 1: [['09:00', '18:00']] }, holidays: ['2026-02-30'] }],
    ] as const) {
      const bad = await put(body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().errors[0].field).toBe(field);
    }
    const unchanged = (await call(t.app, head.auth, 'GET', '/api/v1/staff/support/calendar')).json();
    expect(unchanged.settings.timeZone).toBe('Europe/Berlin');
    const bodyShape = await put({ timeZone: 'Asia/Dubai', hours: { 1: [['9am', '18:00']] }, holidays: [] });
    expect(bodyShape.json().errors[0].field).toBe('hours.1.0.0');
    await put(defaultBusinessCalendar);
  });
});
