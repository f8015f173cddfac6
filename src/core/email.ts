import { z } from 'zod';

// zod's own address syntax, with a domain that can exist: labels of letters, digits and inner
// hyphens (never at a label's start or end), a top-level label of letters or an IDN's xn-- form.
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const address = new RegExp(
  `^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:${label}\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$`,
);

/**
 * The one e-mail check of the app (profiles, staff users, the company's billing address, license
 * transfers, sign-up): `mail-.example.com` is not a domain.
 */
export function emailAddress(message = 'Enter a valid e-mail address.') {
  return z.email({ message, pattern: address }).max(254);
}
