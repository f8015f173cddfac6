/**
 * Journey: the primary manages the company's people through the UI: unblocks a blocked profile
 * disables one, re-registers it to a new person; a person uploads a picture.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPage, demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('profiles administration journey', () => {
  // Provoked on purpose: the blocked profile tries to log in (423).
  const j = useJourney({}, { allowConsole: [/status of 423 .*\/api\/v1\/auth\/login\]$/] });
  const row = (email: string) => `[data-testid="profile-row"][data-email="${email}"]`;

  it('A-5 the primary sees the lock mark of a blocked profile and unblocks it', async () => {
    for (let i = 0; i < 5; i++) {
      await fetch(`${j.server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'secondary@demo.test', password: `wrong-${i}` }),
      });
    }
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'secondary@demo.test', demoPassword);
    await page.getByText('blocked after too many failed log-ins').waitFor();

    const owner = await (await j.browser.newContext()).newPage();
    await logInThroughUi(owner, j.server.url, 'owner@demo.test', demoPassword);
    await owner.getByRole('heading', { name: 'Home' }).waitFor();
    await owner.goto(`${j.server.url}/profiles`);
    const locked = owner.locator(row('secondary@demo.test'));
    await locked.getByRole('img', { name: 'Blocked after failed log-ins' }).waitFor();
    await locked.getByRole('button', { name: 'Unlock' }).click();
    await locked.getByRole('img', { name: 'Blocked after failed log-ins' }).waitFor({ state: 'detached' });

    await logInThroughUi(page, j.server.url, 'secondary@demo.test', demoPassword);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
  });

  it('A-4 the primary disables a profile, then re-registers it to a new person who logs in', async () => {
    const owner = await j.browser.newPage();
    await logInThroughUi(owner, j.server.url, 'owner@demo.test', demoPassword);
    await owner.getByRole('heading', { name: 'Home' }).waitFor();
    await owner.goto(`${j.server.url}/profiles`);
    const advanced = owner.locator(row('advanced@demo.test'));
    await advanced.getByRole('button', { name: 'Disable' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await advanced.getByText('Disabled').waitFor();

    const res = await fetch(`${j.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'advanced@demo.test', password: demoPassword }),
    });
    assert.equal(res.status, 401);

    await advanced.getByRole('button', { name: 'Re-register' }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('E-mail').waitFor();
    await checkPage(owner, 're-register dialog open');
    await dialog.getByLabel('E-mail').fill('new.developer@demo.test');
    await dialog.getByLabel('Name').fill('Nina Developer');
    await dialog.getByLabel('Initial password').fill('Morning coffee 77');
    await dialog.getByRole('button', { name: 'Re-register' }).click();
    const renewed = owner.locator(row('new.developer@demo.test'));
    await renewed.waitFor();
    assert.match(String(await renewed.textContent()), /Nina Developer/);
    assert.equal(await owner.locator(row('advanced@demo.test')).count(), 0);

    const nina = await (await j.browser.newContext()).newPage();
    await logInThroughUi(nina, j.server.url, 'new.developer@demo.test', 'Morning coffee 77');
    await nina.getByRole('heading', { name: 'Home' }).waitFor();
  });

  it('A-8 a person uploads a picture on My profile and it is shown', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'owner@demo.test', demoPassword);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.goto(`${j.server.url}/me`);
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    // A 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.getByLabel('Picture file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    const img = page.getByRole('img', { name: 'Your picture' });
    await img.waitFor();
    // The server re-encoded it to 256×256: the page shows that picture, not the 1×1 upload.
    await page.waitForFunction(
      '(() => { const el = document.querySelector(\'img[alt="Your picture"]\'); return !!el && el.complete && el.naturalWidth === 256; })()',
    );
  });
});
