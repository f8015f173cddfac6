import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

function newest(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, e) => Math.max(max, newest(path.join(p, e))), stat.mtimeMs);
}

/**
 * `node dist/src/server.js` when the build is newer than every source and migration, else the
 * sources through tsx's loader. Never the `tsx` command: it runs the server in a child process of
 * its own, which a SIGKILL of tsx would leave running.
 */
export function serverCommand(): { args: string[]; label: string } {
  const built = path.join(root, 'dist', 'src', 'server.js');
  const stat = fs.statSync(built, { throwIfNoEntry: false });
  if (stat && stat.mtimeMs >= Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'db'))))
    return { args: [built], label: 'node dist/src/server.js' };
  return { args: ['--import', 'tsx', path.join(root, 'src', 'server.ts')], label: 'node --import tsx src/server.ts' };
}

/** The server under test, started and killed again and again; its output goes to one log file. */
export class ServerUnderTest {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private expectingExit = false;
  /** Exits nobody asked for (a crash, a failed start), with their code. */
  readonly unexpectedExits: string[] = [];
  readonly url: string;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts a process and waits for /readyz; returns the milliseconds it took. */
  async start(timeoutMs = 60_000): Promise<number> {
    const t0 = Date.now();
    const out = fs.openSync(this.logFile, 'a');
    fs.writeSync(out, `\n--- start at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, serverCommand().args, {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.child = child;
    // Should this script die first, its server must not outlive it (holding the port or the data folder).
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    this.expectingExit = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.expectingExit) this.unexpectedExits.push(`code ${code ?? '-'}, signal ${signal ?? '-'}`);
        resolve();
      }),
    );
    while (Date.now() - t0 < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server exited during start-up:\n${this.logTail()}`);
      try {
        const r = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (r.ok) return Date.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the server was not ready within ${timeoutMs / 1000} s:\n${this.logTail()}`);
  }

  /** SIGKILL: no shutdown hook runs, open transactions and answers in flight die with the process. */
  async kill(): Promise<void> {
    this.expectingExit = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the clean shutdown (SIGKILL after 20 s). */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.expectingExit = true;
    this.child.kill('SIGTERM');
    const late = setTimeout(() => this.child?.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(late);
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(lines = 40): string {
    const text = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
    return text.split('\n').slice(-lines).join('\n');
  }
}
