/**
 * Journey: the primary works with the company's licenses through the UI: accepts the agreement of a
 * Not accepted license (L-3), moves it to a new folder for free, registers the installation (L-4),
 * moves it to a new domain (the one free change), then to another (the renewal fee is due; L-5),
 * reads its history (L-6); the advanced secondary sees the licenses without the primary's actions
 * staff waive the fee and the change happens.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkPage, demoPassword, logInThroughUi, useJourney } from './harness.js';

/** L-2: the actions on a license sit in its row menu ("Actions for <key>"): opens it and picks one. */
async function rowAction(page: Page, row: Locator, name: string) {
  const key = await row.getAttribute('data-key');
  await row.getByRole('button', { name: `Actions for ${key}` }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

describe('licenses journey', () => {
  // Provoked on purpose: a domain change sent before its acknowledgement is ticked (400).
  const j = useJourney({}, { allowConsole: [/status of 400 .*\/api\/v1\/licenses\/[A-Z]+\/url\]$/] });

  it('L-3 L-4 L-5 L-6 accept a license, change its URL (folder, free domain change, fee due), read its history; staff waive the fee', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'owner@demo.test', demoPassword);
    // Issue 11: the home page counts the licenses needing the primary's action and opens that list.
    await page.getByRole('link', { name: /^\d+ Licenses needing your action$/ }).click();
    await page.getByRole('heading', { name: 'My licenses' }).waitFor();
    assert.ok(await page.getByRole('switch', { name: 'Needs action' }).isChecked());
    await page.locator('[data-testid="license-row"]', { hasText: 'outlet.demo-store.com' }).waitFor();
    assert.equal(
      await page.locator('[data-testid="license-row"]', { hasText: 'www.demo-store.com/shop' }).count(),
      0,
      'an Active license with nothing to do is not listed',
    );
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My licenses' }).click();
    await page.getByRole('heading', { name: 'My licenses' }).waitFor();
    const outlet = page.locator('[data-testid="license-row"]', { hasText: 'outlet.demo-store.com' });
    const key = await outlet.getAttribute('data-key');
    assert.ok(key && /^[A-Z]{16}$/.test(key));
    await outlet.getByText('Not accepted').waitFor();

    // L-3: read and accept the agreement.
    await outlet.getByRole('button', { name: 'Accept' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('agreement-text').getByText('ShopCart license agreement').waitFor();
    await checkPage(page, 'agreement dialog open');
    await dialog.getByLabel('I have read and accept the license agreement').check();
    await dialog.getByRole('button', { name: 'Accept the agreement' }).click();
    const row = page.locator(`[data-testid="license-row"][data-key="${key}"]`);
    await row.getByText('Active').waitFor();

    // L-5: a new folder is free.
    await rowAction(page, row, 'Change URL');
    await page.getByLabel('New URL').fill('https://outlet.demo-store.com/store');
    await page.getByRole('button', { name: 'Change URL' }).click();
    await page.getByRole('status').getByText('new folder').waitFor();
    await page.getByTestId('current-url').getByText('https://outlet.demo-store.com/store').waitFor();

    // L-4: register the installation.
    await page.getByRole('link', { name: '← My licenses' }).click();
    await rowAction(page, row, 'Register');
    // Registering fixes the domain the L-5 rules count from: the portal asks first.
    await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
    await row.getByText(/^Registered /).waitFor();

    // L-5: after registration one domain change is free; it needs the 48-hour acknowledgement.
    await rowAction(page, row, 'Change URL');
    await page.getByText('One change to another domain is free after registration').waitFor();
    await page.getByLabel('New URL').fill('https://www.outlet-shop.net');
    await page.getByRole('button', { name: 'Change URL' }).click();
    await page.getByText('Confirm that you will remove the software').waitFor();
    await page.getByLabel(/I understand that I have to remove the software/).check();
    await page.getByRole('button', { name: 'Change URL' }).click();
    await page.getByRole('status').getByText('new domain').waitFor();

    // …and the next one waits for the renewal fee.
    await page.getByText('The free domain change is used').waitFor();
    await page.getByLabel('New URL').fill('https://www.third-domain.org');
    await page.getByLabel(/I understand that I have to remove the software/).check();
    await page.getByRole('button', { name: 'Change URL' }).click();
    await page.getByRole('status').getByText('waits for the license renewal fee').waitFor();
    await page.getByText('New URL: https://www.third-domain.org').waitFor();
    // While a change waits for its fee, no other change can be asked for: the form is gone.
    assert.equal(await page.getByLabel('New URL').count(), 0);
    await page.getByTestId('current-url').getByText('https://www.outlet-shop.net').waitFor();

    // L-6: the history lists every event, oldest first.
    await page.goto(`${j.server.url}/licenses/${key}/history`);
    await page.locator('[data-testid="history-row"][data-kind="url-change-fee-due"]').waitFor();
    const kinds = await page
      .locator('[data-testid="history-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    assert.deepEqual(kinds, [
      'purchased',
      'verified',
      'accepted',
      'url-changed',
      'registered',
      'url-changed',
      'url-change-fee-due',
    ]);

    // Staff (admin) waive the fee; the change happens.
    const staff = await (await j.browser.newContext()).newPage();
    await logInThroughUi(staff, j.server.url, 'admin@vendor.test', demoPassword, true);
    await staff.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Licenses' }).click();
    await staff.getByRole('heading', { name: 'URL changes waiting for the renewal fee' }).waitFor();
    await staff
      .locator(`[data-testid="staff-license-row"][data-key="${key}"]`)
      .first()
      .getByRole('button', { name: 'Waive fee' })
      .click();
    await staff
      .getByRole('heading', { name: 'URL changes waiting for the renewal fee' })
      .waitFor({ state: 'detached' });
    await page.goto(`${j.server.url}/licenses`);
    await row.getByTestId('license-url').getByText('https://www.third-domain.org').waitFor();
  });

  it('A-2 the advanced secondary sees the licenses and sets their status, without the primary-only actions', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'advanced@demo.test', demoPassword);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.goto(`${j.server.url}/licenses`);
    const active = page.locator('[data-testid="license-row"]', { hasText: 'www.demo-store.com/shop' });
    await active.getByText('Active').waitFor();
    // the row menu offers the history but not the primary's Change URL or Transfer.
    const key = await active.getAttribute('data-key');
    await active.getByRole('button', { name: `Actions for ${key}` }).click();
    await page.getByRole('menuitem', { name: 'History' }).waitFor();
    assert.equal(await page.getByRole('menuitem', { name: 'Change URL' }).count(), 0);
    assert.equal(await page.getByRole('menuitem', { name: 'Transfer' }).count(), 0);
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: 'History' }).waitFor({ state: 'hidden' });
    const status = active.getByLabel(/^Your label for/);
    await status.click();
    await page.getByRole('option', { name: 'In use' }).click();
    await active
      .getByLabel(/^Your label for/)
      .and(page.locator('[value="In use"]'))
      .waitFor();
    // The choice is stored (L-2): it is still there after a reload.
    await page.reload();
    await active
      .getByLabel(/^Your label for/)
      .and(page.locator('[value="In use"]'))
      .waitFor();
  });
});
