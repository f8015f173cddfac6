/**
 * Journey (issue 12, S-4): a customer of a VIP company chats with support from the portal, an agent
 * takes the chat in Live chat, they write to each other (pushed over the sockets), and the agent
 * turns the chat into a ticket; the customer follows the link to the ticket with the transcript.
 *
 * Setup: the demo data of a first start, then, with the server stopped, Demo Store's licenses get VIP
 * care (direct rows) and the support hours are open around the clock (saveSupportCalendar), so the
 * journey does not depend on the hour it runs at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/core/db/index.js';
import { saveSupportCalendar } from '../src/modules/support/index.js';
import { checkPage, demoPassword, logInThroughUi, startServer, useJourney } from './harness.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-e2e-chat-'));
const allDay: [string, string][] = [['00:00', '24:00']];
const shots = path.resolve(import.meta.dirname, '..', 'e2e-artifacts', 'screenshots', 'chat-journey');
fs.mkdirSync(shots, { recursive: true });

async function prepare() {
  const first = await startServer({ CLIENTELE_DATA_DIR: dataDir });
  await first.stop();
  const handle = await openDatabase({ databaseUrl: undefined, dataDir, databasePoolSize: 1 });
  try {
    const now = new Date();
    const vipUntil = new Date(now.getTime() + 365 * 86_400_000);
    await sql`
      INSERT INTO support_plans (license_id, company_id, product_id, vip_until, granted_at, updated_at)
      SELECT l.id, l.company_id, l.product_id, ${vipUntil}, ${now}, ${now}
      FROM licenses l JOIN companies c ON c.id = l.company_id WHERE c.name = 'Demo Store'
      ON CONFLICT (license_id) DO UPDATE SET vip_until = excluded.vip_until`.execute(handle.db);
    await saveSupportCalendar(
      handle.db,
      {
        timeZone: 'UTC',
        hours: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
        holidays: [],
      },
      { kind: 'system', name: 'chat journey' },
      now,
    );
  } finally {
    await handle.close();
  }
}

describe('live chat journey', () => {
  before(prepare);
  const j = useJourney({ CLIENTELE_DATA_DIR: dataDir });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('S-4 a VIP customer chats with an agent, who turns the chat into a ticket', async () => {
    const customer = await (await j.browser.newContext()).newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer.getByRole('button', { name: 'Chat with support' }).click();
    const drawer = customer.getByRole('dialog', { name: 'Chat with support' });
    await drawer.getByRole('button', { name: 'Start chat' }).click();
    await drawer.getByText('Waiting for an agent').waitFor();
    await drawer.getByLabel('Your message').fill('The checkout shows an empty cart after login.');
    await drawer.getByRole('button', { name: 'Send' }).click();
    const customerLog = drawer.getByRole('log', { name: 'Chat messages' });
    await customerLog.getByText('The checkout shows an empty cart after login.').waitFor();
    await checkPage(customer, 'chat drawer with a message');

    const agent = await (await j.browser.newContext()).newPage();
    await logInThroughUi(agent, j.server.url, 'agent@vendor.test', demoPassword, true);
    await agent.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Live chat' }).click();
    await agent.getByTestId('chat-connection').getByText('Live').waitFor();
    await agent.getByRole('link', { name: 'Olivia Owner' }).first().click();
    const agentLog = agent.getByRole('log', { name: 'Chat messages' });
    await agentLog.getByText('The checkout shows an empty cart after login.').waitFor();
    await agent.getByRole('button', { name: 'Take' }).click();
    await drawer.getByText('In progress').waitFor();
    await agent.getByLabel('Your message').fill('Which version of Cart do you run?');
    await agent.getByRole('button', { name: 'Send' }).click();
    // Pushed to the customer's socket.
    await customerLog.getByText('Which version of Cart do you run?').waitFor();
    await drawer.getByLabel('Your message').fill('4.7.2');
    await drawer.getByRole('button', { name: 'Send' }).click();
    await agentLog.getByText('4.7.2').waitFor();
    await checkPage(agent, 'live chat in progress');
    await agent.screenshot({ path: path.join(shots, 'agent-chat.png'), fullPage: true });
    await customer.screenshot({ path: path.join(shots, 'customer-drawer.png'), fullPage: true });

    await agent.getByRole('button', { name: 'Turn into ticket' }).click();
    const ticketLink = agent.getByRole('link', { name: /^#\d+$/ });
    await ticketLink.waitFor();
    const number = ((await ticketLink.textContent()) ?? '').slice(1);
    assert.match(number, /^\d+$/);

    // The customer sees the chat ended and its ticket, and opens it: the transcript is its first message.
    await drawer.getByText('This chat has ended.').waitFor();
    await drawer.getByRole('link', { name: `#${number}` }).click();
    await customer.getByRole('heading', { name: /Live chat of/ }).waitFor();
    await customer.getByText(/Olivia Owner \(customer\): The checkout shows an empty cart after login\./).waitFor();
    await customer.getByText(/Alex Agent \(agent\): Which version of Cart do you run\?/).waitFor();
  });
});
