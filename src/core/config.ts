import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** T-18: a 32-byte key written as base64 (44 characters) or hex (64), e.g. `openssl rand -base64 32`. */
function accessInfoKey(value: string, c: z.RefinementCtx): Buffer {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v)
    ? Buffer.from(v, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(v)
      ? Buffer.from(v, 'base64')
      : null;
  if (key?.length === 32) return key;
  c.addIssue({
    code: 'custom',
    message:
      'must be 32 random bytes written as base64 (44 characters) or hex (64); make one with `openssl rand -base64 32`',
  });
  return Buffer.alloc(0);
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CLIENTELE_DATA_DIR: z.string().min(1).default('./data'),
  CLIENTELE_STORAGE_DIR: z.string().min(1).optional(),
  CLIENTELE_DEMO_PASSWORD: z.string().min(6).optional(),
  CLIENTELE_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  // A-7: configurable, never below 6.
  CLIENTELE_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6, 'can never be below 6').max(128).default(8),
  CLIENTELE_SIGNUP: z.enum(['open', 'closed']).default('open'),
  CLIENTELE_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  CLIENTELE_JOBS: bool.default(true),
  // End-to-end tests only: lets an admin move the server's clock forward. Never in production.
  CLIENTELE_TEST_CLOCK: bool.default(false),
  // L-10: license checks allowed per minute for one key, and from one IP address.
  CLIENTELE_LICENSE_CHECKS_PER_KEY: z.coerce.number().int().min(1).max(100000).default(60),
  CLIENTELE_LICENSE_CHECKS_PER_IP: z.coerce.number().int().min(1).max(1000000).default(600),
  // F-6: upload limits in MB (a file is at most 2047 MB: sizes are stored as integers).
  CLIENTELE_FILE_MAX_MB: z.coerce.number().int().min(1).max(2047).default(50),
  CLIENTELE_COMPANY_QUOTA_MB: z.coerce.number().int().min(1).max(10_000_000).default(1024),
  CLIENTELE_PRODUCT_FILE_MAX_MB: z.coerce.number().int().min(1).max(2047).default(1024),
  // T-8 / T-9: days of silence before tickets are pre-closed and closed automatically.
  CLIENTELE_SOLVED_PRECLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  CLIENTELE_SALES_PRECLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CLIENTELE_PRESALES_PRECLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  CLIENTELE_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  // E-2: inbound mail. The built-in SMTP listener is off unless a port is set.
  CLIENTELE_INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CLIENTELE_INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  CLIENTELE_SUPPORT_ADDRESS: z.email().optional(),
  // E-2: the authserv-id of the MTA that pipes mail in (mail-in); only its Authentication-Results count.
  CLIENTELE_INBOUND_TRUSTED_AUTHSERV_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a host name such as mx.example.com')
    .optional(),
  // Issue 19: how long the answer of a request sent with an Idempotency-Key is kept for its retries.
  CLIENTELE_IDEMPOTENCY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  // T-18: the key that seals access info (32 bytes, base64 or hex), keys it may still open, and
  // the days after a ticket's close its access info is kept.
  CLIENTELE_ACCESS_INFO_KEY: z.string().transform(accessInfoKey).optional(),
  CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS: z
    .string()
    .transform((v, c) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
        .map((k) => accessInfoKey(k, c)),
    )
    .optional(),
  CLIENTELE_ACCESS_INFO_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Clientele <helpdesk@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines in a terminal, JSON lines otherwise.
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: bool.optional(),
});

/** Validated settings of one Clientele process. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /** Uploaded and released files (F-6): `<dataDir>/files` unless set. */
  storageDir: string;
  demoPassword: string | undefined;
  lockoutAttempts: number;
  passwordMinLength: number;
  signup: 'open' | 'closed';
  sessionDays: number;
  jobs: boolean;
  testClock: boolean;
  /** L-10: license checks per minute per key and per IP address. */
  licenseChecksPerKey: number;
  licenseChecksPerIp: number;
  /** F-6: the largest file a customer may upload, the space of a company's My files, the largest product file. */
  fileMaxBytes: number;
  companyQuotaBytes: number;
  productFileMaxBytes: number;
  /** T-8 / T-9: silence (days) before the automatic pre-close (support solved, sales, pre-sales) and close. */
  ticketDays: { solved: number; sales: number; presales: number; close: number };
  /** E-2: the built-in SMTP listener (port undefined: off) and the address that opens tickets. */
  inboundSmtp: { port: number | undefined; host: string };
  /**
   * E-2: the authserv-id whose Authentication-Results header is believed for piped mail (mail-in);
   * undefined: piped mail counts as unauthenticated. The SMTP listener checks SPF/DKIM/DMARC itself.
   */
  inboundTrustedAuthservId: string | undefined;
  supportAddress: string;
  /** Issue 19: hours an Idempotency-Key's stored answer is replayed to a retry. */
  idempotencyHours: number;
  /**
   * T-18: the key access info is sealed with (undefined: none configured; the server generates one
   * for the embedded database, see modules/access-info), older keys still opened for rotation, and
   * the days access info is kept after its ticket closed.
   */
  accessInfo: { key: Buffer | undefined; previousKeys: Buffer[]; retentionDays: number };
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  logFormat: 'auto' | 'json' | 'pretty';
  trustProxy: boolean;
  cookieSecure: boolean;
  /** Turned off by tests that hammer log-in on purpose. */
  rateLimit: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from environment variables. Throws a ConfigError that names every
 * bad variable, so that start-up fails with one clear message instead of a later crash.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.CLIENTELE_DATA_DIR),
    storageDir: path.resolve(e.CLIENTELE_STORAGE_DIR ?? path.join(e.CLIENTELE_DATA_DIR, 'files')),
    demoPassword: e.CLIENTELE_DEMO_PASSWORD,
    lockoutAttempts: e.CLIENTELE_LOCKOUT_ATTEMPTS,
    passwordMinLength: e.CLIENTELE_PASSWORD_MIN_LENGTH,
    signup: e.CLIENTELE_SIGNUP,
    sessionDays: e.CLIENTELE_SESSION_DAYS,
    jobs: e.CLIENTELE_JOBS,
    testClock: e.CLIENTELE_TEST_CLOCK,
    licenseChecksPerKey: e.CLIENTELE_LICENSE_CHECKS_PER_KEY,
    licenseChecksPerIp: e.CLIENTELE_LICENSE_CHECKS_PER_IP,
    fileMaxBytes: e.CLIENTELE_FILE_MAX_MB * 1024 * 1024,
    companyQuotaBytes: e.CLIENTELE_COMPANY_QUOTA_MB * 1024 * 1024,
    productFileMaxBytes: e.CLIENTELE_PRODUCT_FILE_MAX_MB * 1024 * 1024,
    ticketDays: {
      solved: e.CLIENTELE_SOLVED_PRECLOSE_DAYS,
      sales: e.CLIENTELE_SALES_PRECLOSE_DAYS,
      presales: e.CLIENTELE_PRESALES_PRECLOSE_DAYS,
      close: e.CLIENTELE_CLOSE_DAYS,
    },
    inboundSmtp: { port: e.CLIENTELE_INBOUND_SMTP_PORT, host: e.CLIENTELE_INBOUND_SMTP_HOST },
    inboundTrustedAuthservId: e.CLIENTELE_INBOUND_TRUSTED_AUTHSERV_ID?.toLowerCase(),
    supportAddress: (e.CLIENTELE_SUPPORT_ADDRESS ?? `support@${new URL(publicUrl).hostname}`).toLowerCase(),
    idempotencyHours: e.CLIENTELE_IDEMPOTENCY_HOURS,
    accessInfo: {
      key: e.CLIENTELE_ACCESS_INFO_KEY,
      previousKeys: e.CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS ?? [],
      retentionDays: e.CLIENTELE_ACCESS_INFO_RETENTION_DAYS,
    },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    rateLimit: true,
  };
}
