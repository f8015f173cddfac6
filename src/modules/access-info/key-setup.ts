import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../../core/config.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { keyRingOf } from './seal.js';

/** Where the embedded database's generated key lives (beside the database, in the data folder). */
export const generatedKeyFile = (dataDir: string) => path.join(dataDir, 'access-info.key');

/**
 * T-18, `npm start` out of the box: with the embedded database (no DATABASE_URL) and no
 * CLIENTELE_ACCESS_INFO_KEY, the key is made once (32 random bytes) into `<data>/access-info.key`
 * (mode 0600) and read from there on every start, as the server's other secrets are kept once and
 * reused. With DATABASE_URL the key must come from configuration: none means the feature is off.
 * Returns the configuration with the key filled in.
 */
export function withEmbeddedAccessInfoKey(config: Config): Config {
  if (config.accessInfo.key || config.databaseUrl) return config;
  const file = generatedKeyFile(config.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new ConfigError([
      `${file}: is not a 32-byte base64 key; restore it from a backup, or set CLIENTELE_ACCESS_INFO_KEY`,
    ]);
  return { ...config, accessInfo: { ...config.accessInfo, key } };
}

/**
 * T-18, "start-up refuses a missing key only when the feature is used": a server without the key of
 * some stored access info would answer every reveal with an error, so it does not start, and says
 * which variable to set. With no stored access info a missing key only turns the feature off.
 */
export async function checkAccessInfoKeys(db: DbOrTrx, config: Pick<Config, 'accessInfo'>): Promise<void> {
  const ring = keyRingOf(config);
  let q = db
    .selectFrom('ticket_access_info')
    .select(['key_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('sealed', 'is not', null)
    .groupBy('key_id');
  if (ring) q = q.where('key_id', 'not in', [...ring.byId.keys()]);
  const missing = await q.execute();
  if (missing.length === 0) return;
  const rows = missing.reduce((sum, r) => sum + Number(r.n), 0);
  throw new ConfigError([
    ring
      ? `CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS: ${rows} stored access info record(s) were sealed with a key this server does not have (key id ${missing.map((r) => r.key_id).join(', ')}); set that key as CLIENTELE_ACCESS_INFO_KEY, or after a rotation add it to CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS`
      : `CLIENTELE_ACCESS_INFO_KEY: is not set, but ${rows} stored access info record(s) are sealed with it; set it to the key they were sealed with`,
  ]);
}
