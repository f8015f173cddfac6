/**
 * Journey (issue 3): a customer opens a HotRush ticket with an attachment, an agent answers it from
 * the queue, the customer replies by e-mail (sent with nodemailer to the built-in SMTP listener, to
 * the signed reply address of the notification),
 * the agent marks it solved, the clock moves 3 + 3 days, the ticket is closed, the customer rates it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { checkPage, demoPassword, logInThroughUi, useJourney } from './harness.js';

const smtpPort = 20_000 + Math.floor(Math.random() * 20_000);

async function staffApi(base: string) {
  const res = await fetch(`${base}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@vendor.test', password: demoPassword }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
}

describe('tickets journey', () => {
  // Provoked on purpose: the Issue 19 check cuts the answer of a reply off (connection reset).
  const j = useJourney(
    { CLIENTELE_TEST_CLOCK: 'true', CLIENTELE_INBOUND_SMTP_PORT: String(smtpPort) },
    { allowConsole: [/net::ERR_CONNECTION_RESET \[[^\]]*\/api\/v1\/tickets\/\d+\/messages\]$/] },
  );

  it('T-4 T-6 T-8 T-9 T-13 E-2 HotRush ticket with attachment → agent answer → e-mail reply → solved → closed after 3 + 3 days → rated', async () => {
    // The customer opens a HotRush tech-support ticket with an attachment.
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
    await customer.getByLabel(/^HotRush/).check();
    await customer.getByRole('radio', { name: 'Major' }).check();
    await customer.getByLabel('Brief description').fill('Checkout is down');
    await customer.getByLabel('Message').fill('Customers cannot pay since this morning.');
    await customer
      .locator('input[type="file"]')
      .setInputFiles({ name: 'error.log', mimeType: 'text/plain', buffer: Buffer.from('Fatal: gateway timeout') });
    await customer.getByTestId('attachment-draft').getByText('error.log').waitFor();
    await checkPage(customer, 'new ticket form filled in');
    await customer.getByRole('button', { name: 'Send ticket' }).click();
    await customer.getByRole('heading', { name: /Checkout is down/ }).waitFor();
    const number = /#(\d+)/.exec(
      (await customer.getByRole('heading', { name: /Checkout is down/ }).textContent()) ?? '',
    )?.[1];
    assert.ok(number);
    await customer.getByTestId('attachment-link').getByText('error.log').waitFor();

    // An agent answers from the Support queue, where the HotRush ticket comes first.
    const agent = await (await j.browser.newContext()).newPage();
    await logInThroughUi(agent, j.server.url, 'agent@vendor.test', demoPassword, true);
    await agent.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Tickets' }).click();
    const first = agent.locator('[data-testid="queue-row"]').first();
    assert.equal(await first.getAttribute('data-number'), number);
    await first.getByText('HotRush').waitFor();
    await first.getByRole('link', { name: 'Checkout is down' }).click();
    // T-16: "Assign to me" takes the ticket; the side panel shows the customer's company.
    await agent.getByTestId('customer-context').getByRole('link', { name: 'Demo Store' }).waitFor();
    await agent.getByRole('button', { name: 'Assign to me' }).click();
    await agent.getByTestId('ticket-status').getByText('Assigned').waitFor();
    assert.equal(await agent.getByRole('button', { name: 'Assign to me' }).count(), 0);
    await agent.getByLabel('Answer to the customer').fill('Please clear the cache and try again.');
    await agent.getByRole('button', { name: 'Send answer' }).click();
    await agent.getByTestId('ticket-status').getByText('In progress').waitFor();

    // Issue 11: the customer's home page counts the answered ticket as awaiting their reply, and the
    // number opens that view of the communication index.
    await customer.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Home' }).click();
    await customer.getByRole('link', { name: /^\d+ Awaiting your reply$/ }).click();
    await customer.getByRole('tab', { name: /Awaiting your reply/, selected: true }).waitFor();
    const awaitingRow = customer.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await awaitingRow.getByText('Awaiting your reply').waitFor();
    await awaitingRow.getByRole('link', { name: 'Checkout is down' }).click();
    await customer.getByRole('heading', { name: /Checkout is down/ }).waitFor();

    // The customer answers the notification by e-mail, through the built-in SMTP listener.
    const api = await staffApi(j.server.url);
    const mails = (await api('GET', '/staff/mailbox?to=owner@demo.test')).items as { id: string; subject: string }[];
    const answerMail = mails.find((m) => m.subject.startsWith(`[#${number}]`) && !m.subject.includes('is now'));
    assert.ok(answerMail, 'the answer was mailed');
    const full = await api('GET', `/staff/mailbox/${answerMail.id}`);
    // E-2: the reply goes to the owner's own signed reply address, which attributes it to the owner.
    const replyTo = (full.headers as Record<string, string>)['Reply-To'] ?? '';
    assert.match(replyTo, /^support\+p\d+-[a-z2-7]{42}@127\.0\.0\.1$/);
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const sent = await smtp.sendMail({
      from: 'owner@demo.test',
      to: replyTo,
      subject: `Re: ${answerMail.subject}`,
      inReplyTo: `<${full.messageId}>`,
      references: [`<${full.messageId}>`],
      text: 'That worked, thank you!\n\nOn Monday, Support wrote:\n> Please clear the cache',
    });
    assert.match(sent.response, /^250 /);
    smtp.close();

    // The agent sees the e-mail reply and marks the issue solved.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await agent.reload();
      if (await agent.getByText('That worked, thank you!').count()) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await agent.getByText('That worked, thank you!').waitFor();
    await agent.getByText('by e-mail').waitFor();
    await agent.getByRole('button', { name: 'Mark solved' }).click();
    await agent.getByRole('button', { name: 'Withdraw solved mark' }).waitFor();
    // Both sides read "Solved" with the date the ticket closes by itself (T-8, T-9).
    await agent
      .getByTestId('solved-notice')
      .getByText(/closes on .* unless the customer replies/)
      .waitFor();
    await agent.getByTestId('ticket-status').getByText('Solved').waitFor();
    await customer.reload();
    await customer
      .getByTestId('solved-notice')
      .getByText(/closes on .* unless you reply/)
      .waitFor();

    // 3 days later the ticket is pre-closed (T-8), 3 more days later closed (T-9).
    await api('POST', '/test/clock', { minutes: 3 * 24 * 60 + 1 });
    await api('POST', '/test/jobs/tickets-pre-close');
    await customer.reload();
    // Pre-closed reads "Solved" to the customer, still with its closing date.
    await customer.getByTestId('ticket-status').getByText('Solved').waitFor();
    await customer.getByTestId('solved-notice').waitFor();
    await api('POST', '/test/clock', { minutes: 3 * 24 * 60 + 1 });
    await api('POST', '/test/jobs/tickets-close');
    await customer.reload();
    await customer.getByTestId('ticket-status').getByText('Closed').waitFor();
    // No reply box on a closed ticket: a notice with "Re-open ticket" instead.
    await customer.getByTestId('ticket-closed').getByRole('button', { name: 'Re-open ticket' }).waitFor();
    assert.equal(await customer.getByLabel('Your reply').count(), 0);

    // The customer rates it (T-13) from the "Rate us" link of the index.
    await customer.goto(`${j.server.url}/tickets`);
    await customer.getByLabel('Hide closed and rated tickets').waitFor();
    await customer
      .locator(`[data-testid="ticket-row"][data-number="${number}"]`)
      .getByRole('link', { name: 'Rate us' })
      .click();
    await customer.getByText('Rate us').first().waitFor();
    await customer.getByRole('radio', { name: '5 of 5' }).check();
    await customer.getByLabel('Comment').fill('Fast and friendly');
    await customer.getByRole('button', { name: 'Send rating' }).click();
    await customer.getByText('Your rating: ★★★★★').waitFor();
    // T-13: staff see the rating with its comment.
    await agent.reload();
    await agent.getByTestId('ticket-rating').getByText('Fast and friendly').waitFor();
  });

  it('T-6 a next reply typed while the previous one is on its way stays in the box and is sent next', async () => {
    const customer = await (await j.browser.newContext()).newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer.getByRole('navigation', { name: 'Sections' }).waitFor();
    const number = await customer.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ type: 'generic', title: 'Two replies', message: 'Open for two replies.' }),
      });
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
      return String(((await res.json()) as { number: number }).number);
    });
    await customer.goto(`${j.server.url}/tickets/${number}`);
    // The first reply takes a while on the way (a slow line).
    let slow = true;
    await customer.route(`**/api/v1/tickets/${number}/messages`, async (route) => {
      if (slow) {
        slow = false;
        await new Promise((r) => setTimeout(r, 800));
      }
      return route.continue();
    });
    const box = customer.getByLabel('Your reply');
    await box.fill('First reply');
    await customer.getByRole('button', { name: 'Send reply' }).click();
    await box.fill('Second reply');
    await customer.getByTestId('timeline-message').getByText('First reply').waitFor();
    assert.equal(await box.inputValue(), 'Second reply', 'the next reply was kept');
    await customer.getByRole('button', { name: 'Send reply' }).click();
    await customer.getByTestId('timeline-message').getByText('Second reply').waitFor();
    assert.equal(await box.inputValue(), '');
  });

  it('Issue 19 a reply whose answer is lost on the way back is retried by the page with its Idempotency-Key: stored once', async () => {
    const customer = await (await j.browser.newContext()).newPage();
    await logInThroughUi(customer, j.server.url, 'owner@demo.test', demoPassword);
    await customer.getByRole('navigation', { name: 'Sections' }).waitFor();
    // A ticket to reply to, opened by the signed-in page itself.
    const number = await customer.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ type: 'generic', title: 'Retry check', message: 'Open for the retry check.' }),
      });
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
      return String(((await res.json()) as { number: number }).number);
    });
    await customer.goto(`${j.server.url}/tickets/${number}`);
    const keys: string[] = [];
    // The first try reaches the server, which stores the reply; its answer never reaches the page.
    await customer.route(`**/api/v1/tickets/${number}/messages`, async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const text = `Lost answer ${Date.now()}`;
    await customer.getByLabel('Your reply').fill(text);
    await customer.getByRole('button', { name: 'Send reply' }).click();
    // The page retries by itself (a second or so later) and clears the form once that succeeded.
    const until = Date.now() + 15_000;
    while ((await customer.getByLabel('Your reply').inputValue()) === text && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    await customer.getByText(text).waitFor();
    assert.equal(keys.length, 2, 'the page retried once');
    assert.match(keys[0] ?? '', /^[0-9a-f]{32}$/);
    assert.equal(keys[1], keys[0], 'with the same key');
    const timeline = await customer.evaluate(
      async (n) => ((await (await fetch(`/api/v1/tickets/${n}`)).json()) as { timeline: { body?: string }[] }).timeline,
      number,
    );
    assert.equal(timeline.filter((m) => m.body === text).length, 1, 'the reply exists once');
  });
});
