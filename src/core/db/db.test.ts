import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError } from './index.js';

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
  const lockFile = (dir: string) => path.join(dir, 'clientele.lock');
  const hasProc = fs.existsSync('/proc/self/stat');
  const bootId = () => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

  it('refuses a second process on the same data folder with a clear message', () => {
    const dir = tmp();
    // A live process that is not us holds the lock (the old format: its PID alone, written after it started).
    fs.writeFileSync(lockFile(dir), String(process.ppid));
    expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataLock(dir)).toThrow(/in use by another Clientele process/);
  });

  it('takes over a lock left by a process that died, and releases it', () => {
    const dir = tmp();
    fs.writeFileSync(lockFile(dir), '2147483646');
    const release = acquireDataLock(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it.runIf(hasProc)('records the holder’s start time and boot id beside its PID (19.5)', () => {
    const dir = tmp();
    const release = acquireDataLock(dir);
    const stat = fs.readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toEqual({
      pid: process.pid,
      startTime,
      bootId: bootId(),
    });
    release();
  });

  it.runIf(hasProc)(
    'takes over a lock whose PID is alive but is another process: started at another time, or before a reboot',
    () => {
      for (const lock of [
        { pid: process.ppid, startTime: '1', bootId: bootId() },
        { pid: process.ppid, startTime: '1', bootId: '00000000-0000-0000-0000-000000000000' },
      ]) {
        const dir = tmp();
        fs.writeFileSync(lockFile(dir), JSON.stringify(lock));
        const release = acquireDataLock(dir);
        expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
        release();
      }
    },
  );

  it.runIf(hasProc)('takes over an old-format lock (a PID alone) written before that PID’s process started', () => {
    const dir = tmp();
    fs.writeFileSync(lockFile(dir), String(process.ppid));
    const longAgo = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(lockFile(dir), longAgo, longAgo);
    acquireDataLock(dir)();
  });

  it('refuses while a live Clientele process holds the lock, and takes it over once that process is gone', async () => {
    const dir = tmp();
    const cwd = path.resolve(import.meta.dirname, '../../..');
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/core/db/data-lock.ts').then((m) => { m.acquireDataLock(${JSON.stringify(dir)}); console.log('held'); setInterval(() => {}, 1000); })`,
      ],
      { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.setEncoding('utf8').on('data', (c: string) => c.includes('held') && resolve());
        holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
      });
      expect(() => acquireDataLock(dir)).toThrow(
        new RegExp(`in use by another Clientele process \\(pid ${holder.pid}\\)`),
      );
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL'); // no exit handler runs: the lock file stays, as after a crash
      await exited;
    }
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    acquireDataLock(dir)();
  }, 30_000);
});

describe('the clientele command', () => {
  const cwd = path.resolve(import.meta.dirname, '../../..');
  /**
   * What each run may take: ten times what it takes on an idle 2-core machine (3 s to load the
   * sources with tsx and read the settings; 8 s to also open and migrate an embedded database;
   * 17 s to create one), as a busy machine (the other test worker, other builds) is many times
   * slower. A test's timeout is the sum of its runs' budgets, so a run past its own is what fails.
   */
  const budget = { start: 30_000, open: 80_000, create: 170_000 };
  const margin = 10_000;
  const running = new Set<ChildProcess>();
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  /**
   * Runs `clientele <args>` from the sources as an operator would (node with the tsx loader) and
   * resolves when it exits, with its code and output. A run past its budget is killed and fails
   * with what it printed, so a slow machine shows as a clear error, not a test timeout.
   */
  const cli = (args: string[], env: Record<string, string>, ms: number) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        cwd,
        env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const watchdog = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`clientele ${args.join(' ')} ran past ${ms / 1000} s\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, ms);
      child.on('error', (err) => {
        clearTimeout(watchdog);
        running.delete(child);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(watchdog);
        running.delete(child);
        resolve({ code, stdout, stderr });
      });
    });

  it(
    'migrates, creates a staff admin, refuses a bad role and changes a staff address, on a fresh embedded database',
    async () => {
      const dir = tmp();
      const env = { CLIENTELE_DATA_DIR: dir };
      expect(await cli(['migrate'], env, budget.create)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('up to date'),
      });
      const create = ['create-staff', '--email', 'boss@vendor.example', '--role', 'admin', '--name', 'Bea Boss'];
      expect(await cli([...create, '--password', 'Long enough secret 1'], env, budget.open)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('boss@vendor.example (admin) created'),
      });
      expect(
        await cli(['create-staff', '--email', 'x@vendor.example', '--role', 'king'], env, budget.open),
      ).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('create-staff needs --email and --role'),
      });
      expect(
        await cli(['create-staff', '--email', 'boss@vendor.example', '--role', 'agent'], env, budget.open),
      ).toMatchObject({ code: 1, stderr: expect.stringContaining('already in use') });
      // the operator's repair of a staff address (it runs before the migrations too).
      expect(
        await cli(
          ['change-staff-email', '--from', 'BOSS@vendor.example', '--to', 'chief@vendor.example'],
          env,
          budget.open,
        ),
      ).toMatchObject({ code: 0, stdout: expect.stringContaining('boss@vendor.example is now chief@vendor.example') });
      expect(
        await cli(['change-staff-email', '--from', 'chief@vendor.example', '--to', 'not-an-address'], env, budget.open),
      ).toMatchObject({ code: 2, stderr: expect.stringContaining('a valid e-mail address') });
      // Every run released the data folder as it exited.
      expect(fs.existsSync(path.join(dir, 'clientele.lock'))).toBe(false);
    },
    budget.create + 5 * budget.open + margin,
  );

  it(
    'stops with a message that names each bad setting',
    async () => {
      expect(await cli(['migrate'], { PORT: 'abc', CLIENTELE_PASSWORD_MIN_LENGTH: '4' }, budget.start)).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/PORT[\s\S]*CLIENTELE_PASSWORD_MIN_LENGTH: can never be below 6/),
      });
    },
    budget.start + margin,
  );
});
