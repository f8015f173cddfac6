/**
 * Journey (issue 12, S-2): an agent assesses a ticket at 10 credits, the customer agrees and the balance
 * drops by 10; the agent re-assesses it at 5 (category 1) and the balance rises by 5.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkPage, demoPassword, logInThroughUi, useJourney } from './harness.js';

async function staffApi(base: string) {
  const res = await fetch(`${base}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@vendor.test', password: demoPassword }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<T>;
  };
}

const balanceOf = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('support-balance').textContent()) ?? '';
  const m = /balance:? (\d+) credits/i.exec(text);
  assert.ok(m, `no balance in "${text}"`);
  return Number(m[1]);
};

describe('assessment journey', () => {
  const j = useJourney();

  it('S-2 an agent assesses a ticket at 10 credits, the customer agrees (−10); a re-assessment at 5 refunds 5', async () => {
    // The demo company gets its support credits with a license issued by staff (S-2: a first license, 50).
    const api = await staffApi(j.server.url);
    const companies = await api<{ items: { id: string; name: string }[] }>('GET', '/staff/companies?q=Demo%20Store');
    const company = companies.items.find((c) => c.name === 'Demo Store');
    assert.ok(company);
    const catalogue = await api<{ brands: { products: { id: string; kind: string }[] }[] }>('GET', '/staff/products');
    const product = catalogue.brands.flatMap((b) => b.products).find((p) => p.kind === 'main');
    assert.ok(product);
    await api('POST', '/staff/licenses', { companyId: company.id, productId: product.id });

    // The customer opens a tech-support question.
    const customer = await j.browser.newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Communication center' })
      .click();
    await customer.getByRole('link', { name: 'New ticket' }).click();
    await customer.getByLabel('Licenses').first().click();
    await customer.getByRole('option', { name: /www\.demo-store\.com\/shop/ }).click();
    await customer.keyboard.press('Escape');
    await customer.getByLabel(/I agree in advance to assessments/).waitFor();
    await customer.getByLabel('Brief description').fill('Shipping rates are wrong');
    await customer.getByLabel('Message').fill('The carrier rates do not match the settings.');
    await customer.getByRole('button', { name: 'Send ticket' }).click();
    const heading = customer.getByRole('heading', { name: /Shipping rates are wrong/ });
    await heading.waitFor();
    const number = /#(\d+)/.exec((await heading.textContent()) ?? '')?.[1];
    assert.ok(number);
    await customer.getByTestId('ticket-support').waitFor();
    const start = await balanceOf(customer);
    assert.ok(start >= 10, `balance ${start}`);

    // The agent assesses it as category 2: 10 credits, waiting for the customer.
    const agent = await (await j.browser.newContext()).newPage();
    await logInThroughUi(agent, j.server.url, 'agent@vendor.test', demoPassword, true);
    await agent.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Tickets' }).click();
    await agent.locator(`[data-testid="queue-row"][data-number="${number}"]`).getByRole('link').first().click();
    const side = agent.getByTestId('staff-ticket-support');
    await side.getByLabel('Assess as').click();
    await agent.getByRole('option', { name: /^2\. Mis-configuration/ }).click();
    await side.getByTestId('assessment-quote').getByText('10 credits, after the customer agrees.').waitFor();
    await side.getByLabel('Note to the customer').fill('The shipping method is configured with the wrong zone.');
    await checkPage(agent, 'assessment form filled in');
    await side.getByRole('button', { name: 'Assess' }).click();
    await side.getByTestId('assessment-pending').waitFor();

    // The customer agrees; the balance drops by 10.
    await customer.reload();
    const pending = customer.getByTestId('assessment-pending');
    await pending.getByText(/agreeing charges 10 credits/).waitFor();
    await pending.getByRole('button', { name: 'Agree' }).click();
    await checkPage(customer, 'agree confirmation');
    await customer.getByRole('button', { name: 'Agree and pay 10 credits' }).click();
    await customer.getByTestId('assessment-pending').waitFor({ state: 'detached' });
    assert.equal(await balanceOf(customer), start - 10);

    // The agent re-assesses it as category 1 (5): the difference of 5 is refunded at once.
    await agent.reload();
    await side.getByLabel('Re-assess as').click();
    await agent.getByRole('option', { name: /^1\. Functionality/ }).click();
    await side.getByTestId('assessment-quote').getByText('5 credits, charged at once.').waitFor();
    await side.getByRole('button', { name: 'Re-assess' }).click();
    await side.getByTestId('assessment-history').getByText('Difference refunded').waitFor();
    await customer.reload();
    await customer.getByTestId('ticket-support').waitFor();
    assert.equal(await balanceOf(customer), start - 5);
    await customer.getByTestId('assessment-history').getByText('5 refunded', { exact: false }).waitFor();
  });
});
