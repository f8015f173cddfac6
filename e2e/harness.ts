import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
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
 * For a journey's describe(): a fresh server and browser before its tests, both gone after.
 * Read `server` and `browser` inside the tests (they exist once `before` has run).
 */
export function useJourney(env: Record<string, string> = {}): { server: RunningServer; browser: Browser } {
  const j = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    j.server = await startServer(env);
    j.browser = await launchBrowser();
  });
  after(async () => {
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
