/**
 * Journey: the primary creates a secondary profile; the secondary logs in and finds the owner's
 * sections and actions absent, and the server refuses them when called anyway.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('accounts journey', () => {
  // Provoked on purpose: the secondary calls the owner's and staff's endpoints (403).
  const j = useJourney({}, { allowConsole: [/status of 403 .*\/api\/v1\/(profiles|company|staff\/users)\]$/] });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });
  const email = `new.secondary.${Date.now()}@demo.test`;
  const password = 'Fresh-secondary-2026';

  it('A-2 the primary logs in and creates a secondary profile', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'owner@demo.test', demoPassword);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    assert.deepEqual(await nav(page).getByRole('link').allTextContents(), [
      'Home',
      'Communication center',
      'Support',
      'Profiles',
      'My licenses',
      'File area',
    ]);
    await nav(page).getByRole('link', { name: 'Profiles' }).click();
    await page.getByRole('link', { name: 'New account' }).click();
    await page.getByRole('heading', { name: 'New account' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Name').fill('Nora Newcomer');
    await page.getByLabel('Initial password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Profiles' }).waitFor();
    const row = page.locator(`[data-testid="profile-row"][data-email="${email}"]`);
    await row.waitFor();
    assert.match(String(await row.textContent()), /Secondary/);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.close();
  });

  it('A-2 the secondary logs in; owner-only actions are absent and refused by the server', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, email, password);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    assert.deepEqual(await nav(page).getByRole('link').allTextContents(), [
      'Home',
      'Communication center',
      'Support',
      'Profiles',
      'My licenses',
      'File area',
    ]);

    await nav(page).getByRole('link', { name: 'Profiles' }).click();
    await page.locator('[data-testid="profile-row"]').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'New account' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Disable' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Re-register' }).count(), 0);

    await page.goto(`${j.server.url}/company`);
    await page.getByRole('heading', { name: 'Company' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save company' }).count(), 0);
    assert.equal(await page.getByLabel('Company name').getAttribute('readonly'), '');

    // Typing the owner's page address shows why instead of the form; the server refuses the request anyway.
    await page.goto(`${j.server.url}/profiles/new`);
    await page
      .getByTestId('owner-only')
      .getByText('Only the company owner (primary profile) can add accounts')
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create account' }).count(), 0);

    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const create = await fetch('/api/v1/profiles', {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: 'x@demo.test', name: 'X Y', role: 'secondary' }),
      });
      const company = await fetch('/api/v1/company', {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ name: 'Taken over' }),
      });
      const staff = await fetch('/api/v1/staff/users');
      return {
        create: create.status,
        company: company.status,
        staff: staff.status,
        type: company.headers.get('content-type'),
      };
    });
    assert.deepEqual(
      { create: refused.create, company: refused.company, staff: refused.staff },
      { create: 403, company: 403, staff: 403 },
    );
    assert.match(String(refused.type), /application\/problem\+json/);
    await page.close();
  });
});
