import type { MailInput } from '../../core/mail/outbox.js';

export function passwordResetMail(to: string, name: string, link: string): MailInput {
  return {
    to,
    kind: 'password-reset',
    subject: 'Reset your Clientele password',
    text:
      `Hello ${name},\n\nSomeone (we hope you) asked to reset the password of your account.\n` +
      `Open this link within 24 hours to choose a new password; it works once:\n\n${link}\n\n` +
      'If you did not ask for this, ignore this mail: your password stays as it is.\n',
  };
}

export function confirmEmailMail(to: string, name: string, link: string, validHours: number): MailInput {
  return {
    to,
    kind: 'email-confirmation',
    subject: 'Confirm your e-mail address for Clientele',
    text:
      `Hello ${name},\n\nThank you for signing up. Open this link within ${validHours} hours to confirm that ` +
      `this address is yours; it works once. Then log in with the password you chose:\n\n${link}\n\n` +
      'If you did not sign up, ignore this mail: without the link the account cannot be used.\n',
  };
}

export function invitationMail(to: string, name: string, companyName: string, link: string): MailInput {
  return {
    to,
    kind: 'invitation',
    subject: `You have been given an account of ${companyName}`,
    text:
      `Hello ${name},\n\nAn account in the help desk of ${companyName} was created for you.\n` +
      `Open this link within 7 days to choose your password:\n\n${link}\n`,
  };
}

export function lockedMail(to: string, name: string, link: string): MailInput {
  return {
    to,
    kind: 'account-locked',
    subject: 'Your Clientele account was blocked',
    text:
      `Hello ${name},\n\nYour account was blocked after too many failed log-ins.\n` +
      `Reset your password to unblock it:\n\n${link}\n`,
  };
}
