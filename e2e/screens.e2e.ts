/**
 * Journey (issue 11.9): every role visits every section its navbar shows (read from the page's own
 * navigation and account menu, so a new module is covered without touching this file), plus a
 * ticket and a license's history, at 1280×800 and on a phone (390×844). Each state is held to the UI
 * standard (axe: no serious or critical WCAG 2 A/AA violation, one <h1>, its own title, no sideways
 * scrolling at 1280 px, no console error) and saved as a full-page screenshot into
 * e2e-artifacts/screenshots/<role>/<size>/<section>.png, which CI keeps. On the phone the navbar
 * opens with the burger. A-10: the staff roles the demo has not (department head, billing, sales,
 * content) are created by the admin first.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkManually, demoPassword, findProblems, logInThroughUi, sidewaysRegions, useJourney } from './harness.js';

const screenshotsDir = path.resolve(import.meta.dirname, '..', 'e2e-artifacts', 'screenshots');
const staffPassword = 'Quiet-harbour-lantern-2026';

interface Role {
  role: string;
  email: string;
  password: string;
  staff: boolean;
}

const roles: Role[] = [
  { role: 'customer-primary', email: 'owner@demo.test', password: demoPassword, staff: false },
  { role: 'customer-advanced', email: 'advanced@demo.test', password: demoPassword, staff: false },
  { role: 'customer-secondary', email: 'secondary@demo.test', password: demoPassword, staff: false },
  { role: 'staff-agent', email: 'agent@vendor.test', password: demoPassword, staff: true },
  { role: 'staff-admin', email: 'admin@vendor.test', password: demoPassword, staff: true },
  ...['department_head', 'billing', 'sales', 'content'].map((r) => ({
    role: `staff-${r.replace('_', '-')}`,
    email: `screens.${r}@vendor.test`,
    password: staffPassword,
    staff: true,
  })),
];

const sizes = [
  { name: '1280x800', options: { viewport: { width: 1280, height: 800 } } },
  { name: '390x844', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'home';

/** The signed-in page's own fetch: same session and CSRF token as the UI. */
async function apiGet(page: Page, url: string): Promise<unknown> {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    return res.ok ? res.json() : null;
  }, url);
}

/** The sections of the navbar and the account menu, as (name, path). */
async function sectionsOf(page: Page): Promise<{ name: string; path: string }[]> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link').first().waitFor();
  const links = await nav
    .getByRole('link')
    .evaluateAll((as) => as.map((a) => ({ name: a.textContent?.trim() ?? '', path: a.getAttribute('href') ?? '' })));
  await page.getByRole('button', { name: 'Account menu' }).click();
  const items = await page
    .getByRole('menu')
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => ({ name: a.textContent?.trim() ?? '', path: a.getAttribute('href') ?? '' })));
  await page.keyboard.press('Escape');
  return [...links, ...items].filter((s) => s.path.startsWith('/'));
}

/**
 * A ticket and a license's history to show (when the person has those sections), found through the
 * API the page itself uses; customers also get the new-ticket form, staff a company's page.
 */
async function extrasOf(
  page: Page,
  staff: boolean,
  sections: { path: string }[],
): Promise<{ name: string; path: string }[]> {
  const extras: { name: string; path: string }[] = [];
  const prefix = staff ? '/staff' : '';
  const has = (p: string) => sections.some((s) => s.path === prefix + p);
  if (has('/tickets')) {
    const tickets = (await apiGet(page, `/api/v1${prefix}/tickets`)) as { items?: { number: number }[] } | null;
    const ticket = tickets?.items?.[0];
    assert.ok(ticket, 'a ticket to show');
    extras.push({ name: 'ticket', path: `${prefix}/tickets/${ticket.number}` });
    if (!staff) extras.push({ name: 'new ticket', path: '/tickets/new' });
  }
  if (has('/licenses')) {
    const licenses = (await apiGet(page, `/api/v1${prefix}/licenses`)) as { items?: { key: string }[] } | null;
    const license = licenses?.items?.[0];
    assert.ok(license, 'a license to show');
    extras.push({ name: 'license history', path: `${prefix}/licenses/${license.key}/history` });
  }
  if (staff && has('/companies')) {
    // The company page with its support panel (S-1…S-4): plans, balance, credit history.
    const companies = (await apiGet(page, '/api/v1/staff/companies')) as { items?: { id: string }[] } | null;
    const company = companies?.items?.[0];
    assert.ok(company, 'a company to show');
    extras.push({ name: 'company', path: `/staff/companies/${company.id}` });
  }
  return extras;
}

async function visit(page: Page, url: string, file: string, label: string, problems: string[]): Promise<void> {
  await page.goto(url);
  problems.push(...(await findProblems(page, label)));
  if ((page.viewportSize()?.width ?? 0) >= 1000)
    for (const region of await sidewaysRegions(page)) console.log(`note: ${label} scrolls sideways inside: ${region}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

async function shoot(browser: Browser, base: string, who: Role): Promise<string[]> {
  const problems: string[] = [];
  const desktop = await browser.newContext(sizes[0].options);
  const page = await desktop.newPage();
  checkManually(page);
  await logInThroughUi(page, base, who.email, who.password, who.staff);
  const sections = await sectionsOf(page);
  assert.ok(sections.length > 0, `${who.role} has sections`);
  const all = [...sections, ...(await extrasOf(page, who.staff, sections))];
  const phone = await newPhoneContext(browser, desktop);
  const mobile = await phone.newPage();
  checkManually(mobile);
  try {
    for (const s of all) {
      const name = slug(s.name);
      await visit(
        page,
        base + s.path,
        path.join(screenshotsDir, who.role, sizes[0].name, `${name}.png`),
        `${who.role} ${sizes[0].name} ${s.name}`,
        problems,
      );
      await visit(
        mobile,
        base + s.path,
        path.join(screenshotsDir, who.role, sizes[1].name, `${name}.png`),
        `${who.role} ${sizes[1].name} ${s.name}`,
        problems,
      );
    }
    await burgerOpensNavbar(mobile, base, all[0]?.path ?? '/', who, problems);
  } finally {
    await desktop.close();
    await phone.close();
  }
  return problems;
}

/** The pages of a person who is not signed in (the same for everyone, so listed here). */
const signedOutPages = [
  { name: 'log in', path: '/login' },
  { name: 'sign up', path: '/signup' },
  { name: 'forgot password', path: '/forgot-password' },
  { name: 'reset password', path: '/reset-password?token=not-a-real-token' },
  { name: 'confirm email', path: '/confirm-email' },
  { name: 'staff log in', path: '/staff/login' },
];

async function shootSignedOut(browser: Browser, base: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of sizes) {
    const context = await browser.newContext(size.options);
    const page = await context.newPage();
    checkManually(page);
    try {
      for (const s of signedOutPages)
        await visit(
          page,
          base + s.path,
          path.join(screenshotsDir, 'signed-out', size.name, `${slug(s.name)}.png`),
          `signed-out ${size.name} ${s.name}`,
          problems,
        );
    } finally {
      await context.close();
    }
  }
  return problems;
}

async function newPhoneContext(browser: Browser, signedIn: BrowserContext): Promise<BrowserContext> {
  return browser.newContext({ ...sizes[1].options, storageState: await signedIn.storageState() });
}

/** On a phone the navbar is hidden until the burger opens it; choosing a section closes it again. */
async function burgerOpensNavbar(page: Page, base: string, first: string, who: Role, problems: string[]) {
  await page.goto(base + first);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const link = nav.getByRole('link').last();
  await page.locator('h1').first().waitFor();
  const offScreen = async () => {
    const box = await link.boundingBox();
    return !box || box.x + box.width <= 0 || !(await link.isVisible());
  };
  assert.ok(await offScreen(), `${who.role}: on a phone the navbar starts closed`);
  await page.getByRole('button', { name: 'Toggle navigation' }).click();
  await link.waitFor({ state: 'visible' });
  const box = await link.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${who.role}: the burger opens the navbar on screen`);
  problems.push(...(await findProblems(page, `${who.role} 390x844 navigation open`)));
  await page.screenshot({ path: path.join(screenshotsDir, who.role, sizes[1].name, 'navigation-open.png') });
  await link.click();
  await page.locator('h1').first().waitFor();
  const until = Date.now() + 5_000;
  while (!(await offScreen()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.ok(await offScreen(), `${who.role}: choosing a section closes the navbar`);
}

/** The admin creates a staff user for every A-10 role the demo seed has not. */
async function createStaffRoles(base: string): Promise<void> {
  const login = await fetch(`${base}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@vendor.test', password: demoPassword }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  for (const who of roles.filter((r) => r.email.startsWith('screens.'))) {
    const res = await fetch(`${base}/api/v1/staff/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: who.email,
        name: `Screens ${who.role.replace('staff-', '')}`,
        role: who.role.replace('staff-', '').replace('-', '_'),
        password: who.password,
      }),
    });
    assert.equal(res.status, 201, `${who.role}: ${await res.text()}`);
  }
}

// Two roles at a time: much of a check is waiting (requests, paint), which overlaps well.
describe('screens journey', { concurrency: 2 }, () => {
  const j = useJourney();

  before(async () => {
    fs.rmSync(screenshotsDir, { recursive: true, force: true });
    await createStaffRoles(j.server.url);
  });

  it('Issue 11 signed out: the log-in, sign-up and password pages at 1280×800 and 390×844 meet the UI standard, with screenshots', async () => {
    const problems = await shootSignedOut(j.browser, j.server.url);
    if (problems.length) assert.fail(`UI standard broken for signed-out pages:\n  ${problems.join('\n  ')}`);
  });

  for (const who of roles) {
    it(`Issue 11 ${who.role}: every section at 1280×800 and 390×844 meets the UI standard, with screenshots`, async () => {
      const problems = await shoot(j.browser, j.server.url, who);
      if (problems.length) assert.fail(`UI standard broken for ${who.role}:\n  ${problems.join('\n  ')}`);
    });
  }
});
