import type { Config } from '../config.js';
import { devMailbox, type MailTransport, smtpTransport } from './transport.js';

/** SMTP when SMTP_URL is set, else the dev mailbox. */
export function mailTransportFor(config: Pick<Config, 'smtpUrl'>): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailbox;
}

/** The host name used in Message-IDs: the public URL's host. */
export function mailDomainFor(config: Pick<Config, 'publicUrl'>): string {
  try {
    return new URL(config.publicUrl).hostname || 'clientele.local';
  } catch {
    return 'clientele.local';
  }
}
