/**
 * Journey: a new customer signs up and is told to check their mail; log-in waits for the address to
 * be confirmed and offers the link again; the link an admin finds in the dev mailbox confirms it once,
 * and the person logs in. A staff user's address cannot sign up.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('sign-up journey', () => {
  // Provoked on purpose: a staff address signs up (409), log-in before confirming (403), a used link (400).
  const j = useJourney(
    {},
    {
      allowConsole: [
        /status of 409 .*\/api\/v1\/auth\/signup\]$/,
        /status of 403 .*\/api\/v1\/auth\/login\]$/,
        /status of 400 .*\/api\/v1\/auth\/confirm-email\]$/,
      ],
    },
  );
  const email = `founder.${Date.now()}@example.test`;
  const password = 'Bright-harbour-2026';

  const fillSignUp = async (page: Page, address: string) => {
    await page.goto(`${j.server.url}/login`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    await page.getByLabel('Company name').fill('Founders Ltd');
    await page.getByLabel('Your name').fill('Fran Founder');
    await page.getByLabel('E-mail').fill(address);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
  };

  it('A-13 an e-mail used by a staff user cannot sign up as a customer', async () => {
    const page = await j.browser.newPage();
    await fillSignUp(page, 'ADMIN@vendor.test');
    // Said above the form and under the e-mail field, which is marked invalid.
    await page.getByText('This e-mail address is already in use.').first().waitFor();
    assert.equal(await page.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('heading', { name: 'Check your mail' }).count(), 0);
    await page.close();
  });

  it('A-1 a new sign-up logs in only after confirming its e-mail', async () => {
    const customer = await j.browser.newPage();
    await fillSignUp(customer, email);
    await customer.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await customer.getByText(`We sent a link to ${email}`).waitFor();

    // Nobody is signed in yet, and the log-in waits for the confirmation, offering the link again.
    await customer.goto(`${j.server.url}/`);
    await customer.getByRole('heading', { name: 'Log in' }).waitFor();
    await logInThroughUi(customer, j.server.url, email, password);
    await customer.getByText('Confirm your e-mail first').waitFor();
    await customer.getByText(`open the link we mailed to ${email}`).waitFor();
    await customer.getByRole('button', { name: 'Send the link again' }).click();
    await customer.getByText('a new link is on its way').waitFor();

    const staffContext = await j.browser.newContext();
    const admin = await staffContext.newPage();
    await logInThroughUi(admin, j.server.url, 'admin@vendor.test', demoPassword, true);
    await admin.getByRole('heading', { name: 'Overview' }).waitFor();
    await admin.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dev mailbox' }).click();
    const rows = admin.locator(`[data-testid="mail-row"][data-to="${email}"]`);
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    await rows.first().getByRole('link', { name: 'Confirm your e-mail address for Clientele' }).click();
    const href = await admin.getByTestId('mail-body').getByRole('link').getAttribute('href');
    assert.match(String(href), /\/confirm-email\?token=/);
    await staffContext.close();

    await customer.goto(String(href));
    await customer.getByText('Your e-mail address is confirmed').waitFor();
    assert.equal(await customer.getByLabel('E-mail').inputValue(), email);
    await customer.getByRole('textbox', { name: 'Password' }).fill(password);
    await customer.getByRole('button', { name: 'Log in' }).click();
    await customer.getByRole('heading', { name: 'Home' }).waitFor();
    await customer.close();

    // The link works once; a used link offers a new one.
    const again = await j.browser.newPage();
    await again.goto(String(href));
    await again.getByText('already used or has expired').waitFor();
    await again.getByRole('button', { name: 'Send the link again' }).waitFor();
    await again.close();
  });
});
