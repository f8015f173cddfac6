/**
 * Journey (T-18): a customer leaves access info on a ticket; an agent sees that it was left, is told
 * to assign the ticket first, assigns it and reveals it (the password shows, the view is audited);
 * the customer erases it after a confirmation and the agent's panel says it was erased.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPage, demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('access info journey', () => {
  const j = useJourney();

  it('T-18 customer posts access info → agent assigns and reveals (audited) → customer erases', async () => {
    const marker = `Jrny-${Date.now()}-pw`;
    const customer = await j.browser.newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Communication center' })
      .click();
    await customer.getByRole('link', { name: 'New ticket' }).click();
    await customer.getByLabel('Type').first().click();
    await customer.getByRole('option', { name: 'Generic' }).click();
    await customer.getByLabel('Brief description').fill('Please check our server');
    await customer.getByLabel('Message').fill('The shop is slow; access info is in the tab.');
    await customer.getByRole('button', { name: 'Send ticket' }).click();
    const heading = customer.getByRole('heading', { name: /Please check our server/ });
    await heading.waitFor();
    const number = /#(\d+)/.exec((await heading.textContent()) ?? '')?.[1];
    assert.ok(number);

    // Bad input first: no host → the field says so, nothing is stored.
    const panel = customer.getByTestId('access-info');
    await panel.getByRole('button', { name: 'Add access info' }).click();
    await panel.getByRole('button', { name: 'Save access info' }).click();
    await panel.getByText('Enter the host').waitFor();
    await panel.getByLabel('Host').fill('shop.demo-store.com');
    await panel.getByLabel('Port').fill('2222');
    await panel.getByLabel('User').fill('deploy');
    await panel.getByRole('textbox', { name: 'Password' }).fill(marker);
    await panel.getByLabel('Notes').fill('sudo is allowed');
    await checkPage(customer, 'access info form filled in');
    await panel.getByRole('button', { name: 'Save access info' }).click();
    const stored = panel.getByTestId('access-info-stored');
    await stored.getByText('shop.demo-store.com').waitFor();
    await stored.getByText('ends in …pw').waitFor();
    assert.equal(await customer.getByText(marker).count(), 0);

    // The agent sees that access info was left, but must assign the ticket to view it.
    const agent = await (await j.browser.newContext()).newPage();
    await logInThroughUi(agent, j.server.url, 'agent@vendor.test', demoPassword, true);
    await agent.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Tickets' }).waitFor();
    await agent.goto(`${j.server.url}/staff/tickets/${number}`);
    const side = agent.getByTestId('staff-access-info');
    await side.getByTestId('access-info-assign-first').waitFor();
    assert.equal(await side.getByRole('button', { name: 'Show access info' }).count(), 0);
    await agent.getByRole('button', { name: 'Assign to me' }).click();
    await side.getByRole('button', { name: 'Show access info' }).click();
    const revealed = side.getByTestId('access-info-revealed');
    await revealed.getByText(marker).waitFor();
    await revealed.getByText('sudo is allowed').waitFor();
    await checkPage(agent, 'access info revealed');
    await side.getByRole('button', { name: 'Hide access info' }).click();
    await revealed.waitFor({ state: 'detached' });
    assert.equal(await agent.getByText(marker).count(), 0);

    // The customer erases it (confirmed); the agent's panel then says so.
    await panel.getByRole('button', { name: 'Erase access info' }).click();
    await customer.getByRole('dialog').getByRole('button', { name: 'Erase' }).click();
    await panel.getByTestId('access-info-erased').waitFor();
    await agent.reload();
    await agent
      .getByTestId('staff-access-info')
      .getByText(/Erased by the customer/)
      .waitFor();
  });
});
