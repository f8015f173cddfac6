import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort } from '../scripts/free-port.js';

export const demoPassword = 'E2e-demo-pass-2026';

/** Chromium from Debian, with the flags this machine needs (no network beyond loopback). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`npm run build` first) as a new user would: a fresh embedded database in
 * a temporary data folder, demo data seeded on first start, on a free port.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-e2e-'));
  const root = path.resolve(import.meta.dirname, '..');
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist/src/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      CLIENTELE_DATA_DIR: dataDir,
      CLIENTELE_DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the UI's log-in form. */
export async function logInThroughUi(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  staff = false,
): Promise<void> {
  await page.goto(`${baseUrl}${staff ? '/staff/login' : '/login'}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * The UI standard, checked on every page a journey visits (docs/ui.md): axe-core finds no serious or
 * critical WCAG 2 A/AA violation, the page has exactly one <h1> and a title of its own, nothing
 * scrolls sideways at desktop width (≥ 1000 px) and the browser logged no error.
 *
 * Every page of a journey's browser is watched: after each navigation of its main frame (loads and
 * SPA route changes alike) the checks run once the page has settled (an <h1> shows, no request in
 * flight), without holding the journey up. A check whose page moved on meanwhile is dropped (the new
 * address gets its own). Findings fail the running test in `afterEach`. Journeys add
 * `await checkPage(page, 'label')` at states worth a look (a modal open), which fails at once.
 *
 * CSP: the portal's policy has no 'unsafe-eval'. AxeBuilder injects axe-core with `page.evaluate`
 * (the DevTools protocol, which page CSP does not govern) and axe-core itself needs no eval, so it
 * runs under the real policy: no `bypassCSP`, so a page that needs eval or a foreign script still
 * fails here as it would for users. (Playwright's `waitForFunction` with a string does use eval in
 * the page: pass functions.) CSS transitions and animations are switched off in watched pages, so
 * axe and the screenshots see final colors, not a modal half faded in.
 */
export interface CheckOptions {
  /** Console errors the journey provokes on purpose (a refused log-in, a 403 it asks for). */
  allowConsole?: RegExp[];
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const desktopWidth = 1000;

interface Watch {
  page: Page;
  allow: RegExp[];
  consoleErrors: string[];
  problems: string[];
  inflight: number;
  lastNetwork: number;
  checked: Set<string>;
  queue: Promise<void>;
  queued: boolean;
  auto: boolean;
}

const watches = new Map<Page, Watch>();
let checksRun = 0;
const journeyAllow: RegExp[] = [];
/**
 * Allowed everywhere: nothing. (A signed-out page learns that nobody is signed in from GET
 * /auth/session's 200 `{ me: null }`, so Chromium, which logs every 4xx as a console error, has
 * nothing to log there.)
 */
const alwaysAllowed: RegExp[] = [];

/** Console errors that are fine for this page (besides the journey's own list). */
export function allowConsoleErrors(page: Page, ...patterns: RegExp[]): void {
  watches.get(page)?.allow.push(...patterns);
}

function watchPage(page: Page): Watch {
  const existing = watches.get(page);
  if (existing) return existing;
  const w: Watch = {
    page,
    allow: [],
    consoleErrors: [],
    problems: [],
    inflight: 0,
    lastNetwork: Date.now(),
    checked: new Set(),
    queue: Promise.resolve(),
    queued: false,
    auto: true,
  };
  watches.set(page, w);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    w.consoleErrors.push(`console error on ${page.url()}: ${m.text()}${where ? ` [${where}]` : ''}`);
  });
  page.on('pageerror', (e) => w.consoleErrors.push(`uncaught error on ${page.url()}: ${e.stack ?? e.message}`));
  page.on('request', () => {
    w.inflight++;
    w.lastNetwork = Date.now();
  });
  const done = () => {
    w.inflight = Math.max(0, w.inflight - 1);
    w.lastNetwork = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || w.queued || !w.auto) return;
    w.queued = true;
    w.queue = w.queue.then(async () => {
      w.queued = false;
      const url = page.url();
      if (page.isClosed() || !url.startsWith('http') || w.checked.has(url)) return;
      try {
        const found = await runChecks(page, 'after navigation', true);
        if (found === null) return; // moved on meanwhile
        w.checked.add(url);
        w.problems.push(...found);
      } catch (err) {
        // The page or its context closed under the check: nothing left to check.
        if (!page.isClosed() && !/closed|destroyed|Target/i.test(String(err))) w.problems.push(String(err));
      }
    });
  });
  return w;
}

const noMotionScript = `(() => {
  const css = '*, *::before, *::after { transition: none !important; animation-duration: 0s !important; animation-delay: 0s !important; caret-color: transparent !important; }';
  const add = () => { const s = document.createElement('style'); s.dataset.e2e = 'no-motion'; s.textContent = css; document.head.appendChild(s); };
  if (document.head) add(); else document.addEventListener('DOMContentLoaded', add, { once: true });
})()`;

async function instrumentContext(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx's __name helpers would not exist in the page.
  await context.addInitScript(noMotionScript);
  for (const p of context.pages()) watchPage(p);
  context.on('page', (p) => watchPage(p));
}

// Page-side code as strings: the e2e programs are type-checked without the DOM library, and tsx's
// helpers (__name) would not exist in the page. page.evaluate of a string is not eval in the page,
// so the CSP allows it.
const twoFrames = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))';
const pageFacts = `(() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : ''));
  return { h1: document.querySelectorAll('h1').length, title: document.title, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
})()`;

const scrollRegions = `(() => [...document.querySelectorAll('body *')]
  .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
  .map((el) => {
    const box = el.closest('table, [data-testid]') ?? el.querySelector('table') ?? el;
    const what = box.getAttribute('data-testid') || box.tagName.toLowerCase();
    return what + ' ' + el.scrollWidth + ' px wide in ' + el.clientWidth + ' px';
  }))()`;

/**
 * Regions inside the page that scroll sideways (a `Table.ScrollContainer` whose table is wider than
 * the content area). The standard allows them only as a last resort, so they are reported, not
 * failed: the screens journey prints them for 1280 px.
 */
export async function sidewaysRegions(page: Page): Promise<string[]> {
  return (await page.evaluate(scrollRegions)) as string[];
}

/** Waits for the page to settle: an <h1> shows, no request in flight for 150 ms, two frames painted. */
async function settle(page: Page, timeout: number): Promise<boolean> {
  const w = watches.get(page);
  const until = Date.now() + timeout;
  try {
    await page.locator('h1').first().waitFor({ timeout });
  } catch {
    return false;
  }
  while (Date.now() < until) {
    if (w && w.inflight === 0 && Date.now() - w.lastNetwork >= 150) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.evaluate(twoFrames);
  return true;
}

/**
 * Runs the checks on the page as it is; returns the problems found, or null when `lenient` and the
 * page navigated away during the check (an automatic check of a page the journey only passed).
 */
async function runChecks(page: Page, label: string, lenient: boolean): Promise<string[] | null> {
  const url = page.url();
  if (!lenient) return checkNow(page, label, url, false);
  try {
    const found = await checkNow(page, label, url, true);
    return page.isClosed() || page.url() !== url ? null : found;
  } catch (err) {
    // Reloaded, navigated or closed under the check (axe's script went with the old document).
    if (
      page.isClosed() ||
      page.url() !== url ||
      /destroyed|closed|navigat|reading 'run'|axe is not defined/i.test(String(err))
    )
      return null;
    throw err;
  }
}

async function checkNow(page: Page, label: string, url: string, lenient: boolean): Promise<string[] | null> {
  const settled = await settle(page, lenient ? 8_000 : 15_000);
  if (lenient && page.url() !== url) return null;
  const where = `${label} at ${new URL(url).pathname}${new URL(url).search}`;
  if (!settled) return lenient && (page.isClosed() || page.url() !== url) ? null : [`${where}: no <h1> appeared`];
  const facts = (await page.evaluate(pageFacts)) as {
    h1: number;
    title: string;
    scrollWidth: number;
    clientWidth: number;
    wide: string[];
  };
  // Legacy mode: axe in the top frame only (the app has no iframes), without the blank page the
  // frame-by-frame mode opens in the context. Only violations are detailed (faster).
  checksRun++;
  const results = await new AxeBuilder({ page })
    .withTags(wcagTags)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  if (lenient && page.url() !== url) return null;
  const problems: string[] = [];
  if (facts.h1 !== 1) problems.push(`${where}: ${facts.h1} <h1> elements (want exactly one)`);
  if (!facts.title.trim() || facts.title.trim() === 'Clientele')
    problems.push(`${where}: document.title is "${facts.title}" (want the page's own title)`);
  const viewport = page.viewportSize();
  if ((viewport?.width ?? 0) >= desktopWidth && facts.scrollWidth > facts.clientWidth)
    problems.push(
      `${where}: scrolls sideways at ${viewport?.width} px (scrollWidth ${facts.scrollWidth} > clientWidth ${facts.clientWidth}; too wide: ${facts.wide.join(', ')})`,
    );
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes
      .slice(0, 6)
      .map((n) => `      ${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`)
      .join('\n');
    problems.push(
      `${where}: axe ${v.impact} ${v.id} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n    ${v.helpUrl}\n${targets}`,
    );
  }
  return problems;
}

function unexpectedConsole(w: Watch): string[] {
  const allowed = [...alwaysAllowed, ...journeyAllow, ...w.allow];
  const left = w.consoleErrors.filter((e) => !allowed.some((re) => re.test(e)));
  w.consoleErrors = [];
  return left;
}

/**
 * Checks the page now (a state worth a look: a modal open, a form with errors) and fails at once on
 * any finding, console errors so far included.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  const problems = await findProblems(page, label);
  if (problems.length) throw new Error(`UI standard broken (${label}):\n  ${problems.join('\n  ')}`);
}

/**
 * For a journey that checks each state itself (the screenshots journey): no automatic checks on
 * this page; `findProblems` returns what one check found instead of throwing.
 */
export function checkManually(page: Page): void {
  watchPage(page).auto = false;
}

/** The findings of one check of the page as it is now, console errors so far included. */
export async function findProblems(page: Page, label: string): Promise<string[]> {
  const w = watchPage(page);
  await w.queue;
  const problems = (await runChecks(page, label, false)) ?? [];
  return [...problems, ...unexpectedConsole(w)];
}

/** Waits for the pending automatic checks and returns (and forgets) every finding so far. */
export async function collectFindings(): Promise<string[]> {
  const all: string[] = [];
  for (const [page, w] of watches) {
    await w.queue;
    all.push(...w.problems, ...unexpectedConsole(w));
    w.problems = [];
    if (page.isClosed()) watches.delete(page);
  }
  return all;
}

/**
 * For a journey's describe(): a fresh server and browser before its tests, both gone after.
 * Read `server` and `browser` inside the tests (they exist once `before` has run). Every page the
 * browser opens is held to the UI standard (see CheckOptions above); a finding fails the test that
 * was running.
 */
export function useJourney(
  env: Record<string, string> = {},
  options: CheckOptions = {},
): { server: RunningServer; browser: Browser } {
  const j = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    journeyAllow.splice(0, journeyAllow.length, ...(options.allowConsole ?? []));
    j.server = await startServer(env);
    j.browser = await launchBrowser();
    const newContext = j.browser.newContext.bind(j.browser);
    j.browser.newContext = async (opts = {}) => {
      const context = await newContext({ viewport: { width: 1280, height: 800 }, ...opts });
      await instrumentContext(context);
      return context;
    };
  });
  afterEach(async () => {
    const findings = await collectFindings();
    if (findings.length)
      throw new Error(`UI standard broken (${findings.length} finding(s)):\n  ${findings.join('\n  ')}`);
  });
  after(async () => {
    console.log(`UI standard: ${checksRun} page states checked (axe, <h1>, title, width, console)`);
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
