/**
 * Journey: support plans and credits through the UI (S-1…S-5). The primary of Demo Store reads the
 * plan of each license, the balance and the ledger (the demo's 5-credit question links its ticket)
 * and the support hours on the terms' cities; staff grant credits on the company page and the
 * customer's balance rises by them; an adjustment below zero is refused under its field; the support
 * hours editor refuses overlapping hours under the day, saves a Saturday and the new-ticket page shows it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('support journey', () => {
  // Provoked on purpose: an adjustment below zero (409) and overlapping hours (400).
  const j = useJourney(
    {},
    {
      allowConsole: [
        /status of 409 .*\/api\/v1\/staff\/companies\/[0-9a-f-]+\/support\/credits\]$/,
        /status of 400 .*\/api\/v1\/staff\/support\/calendar(\?[^\]]*)?\]$/,
      ],
    },
  );

  it('S-1 S-2 S-5 the customer reads plans, credits and hours; staff grant credits and edit the hours', async () => {
    const customer = await j.browser.newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Support' }).click();
    await customer.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
    // 50 + 30 credits of the two ShopCart Gold licenses, 5 charged for the worked ticket.
    assert.equal(await customer.getByTestId('credit-balance').textContent(), '75');
    const plans = customer.getByTestId('license-plan');
    await plans.first().waitFor();
    assert.equal(await plans.filter({ hasText: 'VIP care' }).count(), 1);
    assert.equal(await plans.filter({ hasText: 'Free period' }).count(), 1);
    const charge = customer.getByTestId('credit-entry').filter({ hasText: 'Functionality or set-up question' });
    await charge.getByRole('link', { name: /^#\d+$/ }).waitFor();
    await customer.getByTestId('support-cities').getByText('Berlin, Rome').waitFor();

    const staff = await j.browser.newPage();
    await logInThroughUi(staff, j.server.url, 'admin@vendor.test', demoPassword, true);
    await staff.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Companies' }).click();
    await staff.getByRole('link', { name: 'Demo Store' }).click();
    const panel = staff.getByTestId('company-support');
    await panel.getByTestId('company-credit-balance').getByText('75').waitFor();
    await panel.getByRole('button', { name: 'Grant or adjust credits' }).click();
    let dialog = staff.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Credits' }).fill('10');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Goodwill for the shipping bug');
    await dialog.getByRole('button', { name: 'Grant credits' }).click();
    await panel.getByTestId('company-credit-balance').getByText('85').waitFor();
    await panel.getByTestId('credit-entry').filter({ hasText: 'Goodwill for the shipping bug' }).waitFor();

    await panel.getByRole('button', { name: 'Grant or adjust credits' }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByText('Adjust', { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Credits' }).fill('-100');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Too much');
    await dialog.getByRole('button', { name: 'Adjust the balance' }).click();
    await dialog.getByText('Take away at most 85 credits.').waitFor();
    await dialog
      .getByRole('button', { name: 'Close' })
      .click()
      .catch(() => staff.keyboard.press('Escape'));

    await customer.reload();
    await customer.getByTestId('credit-balance').getByText('85').waitFor();

    await staff.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Support settings' }).click();
    const saturday = staff.locator('[data-testid="calendar-day"][data-day="6"]');
    await saturday.getByRole('button', { name: 'Add hours' }).click();
    await saturday.getByRole('button', { name: 'Add hours' }).click();
    await staff.getByRole('button', { name: 'Save support hours' }).click();
    await saturday.getByText(/^Saturday .* overlaps /).waitFor();
    await staff.getByRole('button', { name: 'Remove Saturday opening 2' }).click();
    await staff.getByLabel('Saturday opening 1 from').fill('10:00');
    await staff.getByLabel('Saturday opening 1 until').fill('14:00');
    await staff.getByRole('button', { name: 'Save support hours' }).click();
    await staff.getByText('The support hours were saved.').waitFor();

    await customer.goto(`${j.server.url}/tickets/new`);
    await customer
      .getByTestId('support-hours')
      .getByText(/Sat 10:00–14:00/)
      .waitFor();
    await customer.close();
    await staff.close();
  });
});
