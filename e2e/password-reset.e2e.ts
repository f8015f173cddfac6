/** Journey: a customer resets a forgotten password with the link an admin finds in the dev mailbox. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('password reset journey', () => {
  // Provoked on purpose: a too-short new password, a used link (400), the old password (401).
  const j = useJourney(
    {},
    {
      allowConsole: [
        /status of 400 .*\/api\/v1\/auth\/password-reset\/confirm\]$/,
        /status of 401 .*\/api\/v1\/auth\/login\]$/,
      ],
    },
  );

  it('A-6 asks for a link, follows it from the dev mailbox, sets a new password and logs in with it', async () => {
    const customer = await j.browser.newPage();
    await customer.goto(`${j.server.url}/login`);
    await customer.getByRole('link', { name: 'Forgot password?' }).click();
    await customer.getByRole('heading', { name: 'Forgot password' }).waitFor();
    await customer.getByLabel('E-mail').fill('secondary@demo.test');
    await customer.getByRole('button', { name: 'Send the link' }).click();
    await customer.getByText('If an account exists for secondary@demo.test').waitFor();

    const staffContext = await j.browser.newContext();
    const admin = await staffContext.newPage();
    await logInThroughUi(admin, j.server.url, 'admin@vendor.test', demoPassword, true);
    await admin.getByRole('heading', { name: 'Overview' }).waitFor();
    await admin.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dev mailbox' }).click();
    const row = admin.locator('[data-testid="mail-row"][data-to="secondary@demo.test"]').first();
    await row.getByRole('link', { name: 'Reset your Clientele password' }).click();
    const link = admin.getByTestId('mail-body').getByRole('link');
    const href = await link.getAttribute('href');
    assert.match(String(href), /\/reset-password\?token=/);
    await staffContext.close();

    await customer.goto(String(href));
    await customer.getByRole('heading', { name: 'Reset password' }).waitFor();
    await customer.getByRole('textbox', { name: 'New password', exact: true }).fill('short');
    await customer.getByLabel('Repeat the new password').fill('short');
    await customer.getByRole('button', { name: 'Set the new password' }).click();
    await customer.getByText('Use at least 8 characters.').waitFor();
    await customer.getByRole('textbox', { name: 'New password', exact: true }).fill('Fresh keys unlock 7');
    await customer.getByLabel('Repeat the new password').fill('Fresh keys unlock 7');
    await customer.getByRole('button', { name: 'Set the new password' }).click();
    await customer.getByText('Your password was changed').waitFor();

    await logInThroughUi(customer, j.server.url, 'secondary@demo.test', demoPassword);
    await customer.getByText('E-mail or password is wrong').waitFor();
    await logInThroughUi(customer, j.server.url, 'secondary@demo.test', 'Fresh keys unlock 7');
    await customer.getByRole('heading', { name: 'Home' }).waitFor();

    // The link worked once.
    await customer.goto(String(href));
    await customer.getByRole('textbox', { name: 'New password', exact: true }).fill('Yet another secret 8');
    await customer.getByLabel('Repeat the new password').fill('Yet another secret 8');
    await customer.getByRole('button', { name: 'Set the new password' }).click();
    await customer.getByText('already used or has expired').waitFor();
  });
});
