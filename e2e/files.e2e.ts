/**
 * Journey: the primary opens the file area, finds the licensed product's folder (F-1), downloads a
 * distribution package (F-3, F-4), gets an upgrade pack from My licenses (F-5), uploads two files to My files at once with per-file progress and
 * sees both listed (F-3); the secondary is told why product files are not there (F-4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoPassword, logInThroughUi, useJourney } from './harness.js';

describe('files journey', () => {
  const j = useJourney();

  it('F-1 F-3 F-4 the primary downloads a product file and uploads two files to My files', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'owner@demo.test', demoPassword);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'File area' }).click();
    await page.getByRole('heading', { name: 'File area' }).waitFor();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: 'ShopCart Gold', exact: true }).waitFor();
    // BlogEngine's license is Pending: its folder is absent.
    assert.equal(await folders.getByRole('button', { name: 'BlogEngine Pro', exact: true }).count(), 0);

    await folders.getByRole('button', { name: '4.1.3', exact: true }).click();
    await page.getByRole('heading', { name: '4.1.3', exact: true }).waitFor();
    const link = page.getByRole('link', { name: 'shopcart-gold-4.1.3.zip' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'shopcart-gold-4.1.3.zip');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK');

    // F-2: the description opens per file.
    await page.getByRole('button', { name: 'Show description of shopcart-gold-4.1.3.zip' }).click();
    await page.getByText('ShopCart Gold 4.1.3, full distribution package.').waitFor();

    // F-5 / L-2: "Get upgrade pack" from My licenses, as a .tgz archive assembled by the server.
    await page.goto(`${j.server.url}/licenses`);
    // The license's actions sit in its row menu.
    await page
      .locator('[data-testid="license-row"]', { hasText: 'www.demo-store.com/shop' })
      .getByRole('button', { name: /^Actions for / })
      .click();
    await page.getByRole('menuitem', { name: 'Get upgrade pack' }).click();
    await page.getByRole('heading', { name: 'Get upgrade pack' }).waitFor();
    await page.getByLabel('Upgrade pack').first().click();
    await page.getByRole('option').first().click();
    await page.getByRole('radio', { name: '.tgz' }).check();
    const [pack] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download upgrade pack' }).click(),
    ]);
    assert.match(pack.suggestedFilename(), /\.tgz$/);
    const gz = readFileSync(await pack.path());
    assert.equal(gz[0], 0x1f);
    assert.equal(gz[1], 0x8b);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'File area' }).click();
    await folders.getByRole('button', { name: 'My files', exact: true }).click();
    await page.getByRole('heading', { name: 'My files', exact: true }).waitFor();
    await page.locator('[data-testid="file-row"][data-name="Getting started.txt"]').waitFor();
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'store-export.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,qty\nA1,3\n') },
      { name: 'error-log.txt', mimeType: 'text/plain', buffer: Buffer.from('Fatal error at line 42\n'.repeat(2000)) },
    ]);
    await page.getByLabel('Description', { exact: true }).fill('For ticket about the checkout');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('[data-testid="upload-progress"][data-name="store-export.csv"][data-state="done"]').waitFor();
    await page.locator('[data-testid="upload-progress"][data-name="error-log.txt"][data-state="done"]').waitFor();
    await page.locator('[data-testid="file-row"][data-name="store-export.csv"]').waitFor();
    await page.locator('[data-testid="file-row"][data-name="error-log.txt"]').waitFor();
    assert.equal(await page.getByRole('progressbar', { name: 'Upload progress of error-log.txt' }).count(), 1);
    await page.close();
  });

  it('F-4 the secondary sees why product files are hidden', async () => {
    const page = await j.browser.newPage();
    await logInThroughUi(page, j.server.url, 'secondary@demo.test', demoPassword);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'File area' }).click();
    await page.getByRole('status').getByText('primary and advanced secondary profiles').waitFor();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: 'ShopCart Free Theme', exact: true }).waitFor();
    assert.equal(await folders.getByRole('button', { name: 'ShopCart Gold', exact: true }).count(), 0);
    await page.close();
  });
});
