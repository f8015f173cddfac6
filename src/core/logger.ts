import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.privateKey',
    '*.token',
  ],
  censor: '[redacted]',
};

/**
 * The app's log. JSON lines (one object a line, for log shippers) unless a person is watching: in a
 * terminal, readable lines, unless LOG_FORMAT=json. Secrets in headers and bodies are redacted.
 */
export function createLogger(
  level: string,
  format: 'auto' | 'json' | 'pretty' = 'auto',
  isTty = process.stdout.isTTY === true,
): Logger {
  const readable = format === 'pretty' || (format === 'auto' && isTty);
  if (!readable) return pino({ level, redact });
  const stream = pretty({
    colorize: isTty,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
    sync: true,
  });
  return pino({ level, redact }, stream);
}
