import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database's lock file, `<dataDir>/clientele.lock` (issue 19.5). Two processes on one
 * PGlite folder lose writes, so a second one is refused; a lock its process left behind is taken over.
 *
 * A PID alone does not say who holds the lock: after a reboot, or in a container where the server is
 * always PID 1 or 7, the PID of a dead holder is soon another live process. So the lock records the
 * holder's PID with its start time (field 22 of /proc/<pid>/stat, clock ticks since boot) and the
 * kernel's boot id: a lock whose PID is alive but started at another time, or on another boot, is
 * stale. The old format (the PID alone, written before this) counts as stale when that PID's process
 * started after the lock file was written, so it cannot be its writer. Without /proc (macOS) only
 * the PID is checked, as before: a reused live PID is then refused until the file is deleted.
 */

interface LockHolder {
  pid: number;
  /** Clock ticks after boot at which the process started; absent without /proc. */
  startTime?: string;
  bootId?: string;
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(
      `The data folder ${dir} is in use by another Clientele process (pid ${pid}). ` +
        'Two processes on one embedded database lose writes: stop the other process, ' +
        'set CLIENTELE_DATA_DIR to another folder, or use DATABASE_URL for a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Takes `<dataDir>/clientele.lock`; a lock left by a dead process is taken over. Returns the release. */
export function acquireDataLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'clientele.lock');
  const mine = `${JSON.stringify(describeProcess(process.pid))}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let text: string;
      let writtenAt: number;
      try {
        text = fs.readFileSync(file, 'utf8');
        writtenAt = fs.statSync(file).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const holder = parseLock(text);
      if (holder && holdsLock(holder, writtenAt)) throw new DataDirLockedError(dataDir, String(holder.pid));
      // Stale. Remove it only if it is still the one judged (another starter may have taken it over).
      try {
        if (fs.readFileSync(file, 'utf8') === text) fs.unlinkSync(file);
      } catch {
        /* gone already */
      }
    }
  }
  throw new DataDirLockedError(dataDir, 'unknown');
}

/** The lock's holder: `{"pid":…,"startTime":…,"bootId":…}`, or the old format (the PID alone). */
function parseLock(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const v = JSON.parse(trimmed) as Partial<LockHolder>;
    if (typeof v.pid !== 'number') return null;
    return {
      pid: v.pid,
      startTime: typeof v.startTime === 'string' ? v.startTime : undefined,
      bootId: typeof v.bootId === 'string' ? v.bootId : undefined,
    };
  } catch {
    return null; // a torn or foreign file: nobody can be shown to hold it
  }
}

/** Does the process the lock names still run (the same process, not a later one with its PID)? */
function holdsLock(holder: LockHolder, writtenAtMs: number): boolean {
  const { pid } = holder;
  // Our own PID: a previous run of this process's PID (a container's PID 1), or this very process.
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return false;
  const now = describeProcess(pid);
  if (holder.startTime !== undefined && holder.bootId !== undefined) {
    if (now.bootId !== undefined && now.bootId !== holder.bootId) return false;
    if (now.startTime !== undefined && now.startTime !== holder.startTime) return false;
    return true;
  }
  // The old format: its writer started before it wrote the file (2 s for btime's whole seconds).
  const startedAt = processStartedAtMs(now.startTime);
  return startedAt === undefined || startedAt <= writtenAtMs + 2000;
}

function describeProcess(pid: number): LockHolder {
  return { pid, startTime: processStartTime(pid), bootId: readProc('/proc/sys/kernel/random/boot_id')?.trim() };
}

/** Field 22 of /proc/<pid>/stat; the name (field 2) may hold spaces and parentheses, so count after its last ')'. */
function processStartTime(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const value = fields[22 - 3];
  return value && /^\d+$/.test(value) ? value : undefined;
}

/** The wall-clock start of a process from its start ticks and the boot time (USER_HZ is 100 on Linux). */
function processStartedAtMs(startTicks: string | undefined): number | undefined {
  const btime = readProc('/proc/stat')?.match(/^btime (\d+)$/m)?.[1];
  if (startTicks === undefined || btime === undefined) return undefined;
  return Number(btime) * 1000 + Number(startTicks) * 10;
}

function readProc(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
