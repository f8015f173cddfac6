import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError } from './index.js';

const run = promisify(execFile);
const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-lock-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded data folder lock', () => {
  it('refuses a second process on the same data folder with a clear message', () => {
    const dir = tmp();
    // A live process that is not us holds the lock.
    fs.writeFileSync(path.join(dir, 'clientele.lock'), String(process.ppid));
    expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataLock(dir)).toThrow(/in use by another Clientele process/);
  });

  it('takes over a lock left by a process that died, and releases it', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'clientele.lock'), '2147483646');
    const release = acquireDataLock(dir);
    expect(fs.readFileSync(path.join(dir, 'clientele.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'clientele.lock'))).toBe(false);
  });
});

describe('the clientele command', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
      cwd: path.resolve(import.meta.dirname, '../../..'),
    });

  it('migrates, creates a staff admin and refuses a bad role, on a fresh embedded database', async () => {
    const dir = tmp();
    const env = { CLIENTELE_DATA_DIR: dir };
    expect((await cli(['migrate'], env)).stdout).toContain('up to date');
    const created = await cli(
      [
        'create-staff',
        '--email',
        'boss@vendor.example',
        '--role',
        'admin',
        '--name',
        'Bea Boss',
        '--password',
        'Long enough secret 1',
      ],
      env,
    );
    expect(created.stdout).toContain('boss@vendor.example (admin) created');
    await expect(cli(['create-staff', '--email', 'x@vendor.example', '--role', 'king'], env)).rejects.toMatchObject({
      code: 2,
    });
    await expect(cli(['create-staff', '--email', 'boss@vendor.example', '--role', 'agent'], env)).rejects.toMatchObject(
      { stderr: expect.stringContaining('already in use') },
    );
    expect(fs.existsSync(path.join(dir, 'clientele.lock'))).toBe(false);
  }, 60_000);

  it('stops with a message that names each bad setting', async () => {
    await expect(cli(['migrate'], { PORT: 'abc', CLIENTELE_PASSWORD_MIN_LENGTH: '4' })).rejects.toMatchObject({
      stderr: expect.stringMatching(/PORT[\s\S]*CLIENTELE_PASSWORD_MIN_LENGTH: can never be below 6/),
    });
  });
});
