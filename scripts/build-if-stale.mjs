// `npm start` builds only when it must: when dist/ is missing or a source of the build is newer than
// the last build. A restart on an unchanged checkout goes straight to the server (issue 10.12).
// Plain Node on purpose: it runs before anything is compiled.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'web', 'db', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    max = Math.max(max, newest(path.join(p, e)));
  }
  return max;
}

const built = fs.existsSync(stamp) && fs.existsSync(path.join(root, 'dist', 'src', 'server.js'));
const stale = !built || inputs.some((i) => newest(path.join(root, i)) > fs.statSync(stamp).mtimeMs);
if (stale) {
  console.log(built ? 'Sources changed since the last build: building…' : 'First start: building…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
