import type { MailInput } from '../../core/mail/outbox.js';

export function transferRequestedMail(
  to: string,
  name: string,
  key: string,
  fromCompany: string,
  link: string,
): MailInput {
  return {
    to,
    kind: 'license-transfer-requested',
    subject: `License ${key} is being transferred to you`,
    text: `Hello ${name},\n\n${fromCompany} asks to transfer the license ${key} to your company.\n\nAccept or decline it in My licenses:\n${link}\n`,
  };
}

export function transferResolvedMail(
  to: string,
  name: string,
  key: string,
  outcome: 'completed' | 'declined',
): MailInput {
  return {
    to,
    kind: `license-transfer-${outcome}`,
    subject: outcome === 'completed' ? `License ${key} was transferred` : `The transfer of license ${key} was declined`,
    text:
      outcome === 'completed'
        ? `Hello ${name},\n\nThe transfer of the license ${key} is complete. Its history records the transfer.\n`
        : `Hello ${name},\n\nThe receiving company declined the transfer of the license ${key}. The license stays with your company.\n`,
  };
}
