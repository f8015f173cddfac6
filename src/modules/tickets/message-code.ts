import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud and to type from a mail subject.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * T-5: a message ID: 10 characters of Crockford base32 from a cryptographic source (50 bits; a
 * random guess hits one of a million messages with chance 1 in 10^9), shown as `ABCDE-FGHIJ`.
 * Unique by a database constraint; the caller retries on the astronomically rare clash.
 */
export function newMessageCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A message ID as typed by a person (any case, with or without the dash, O for 0…), or null. */
export function normalizeMessageCode(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(s)) return null;
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Finds a message ID in a mail subject like "[#1042] Title (message K7Q2M-9XT4P)". */
export function messageCodeInSubject(subject: string): string | null {
  const m = /\b([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})\b/i.exec(subject);
  return m?.[1] ? normalizeMessageCode(m[1]) : null;
}
