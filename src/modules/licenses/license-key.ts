import { randomInt } from 'node:crypto';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** L-1: a license key of 16 capital letters A–Z from a cryptographic source (26^16 ≈ 4·10^22). */
export function generateLicenseKey(): string {
  let key = '';
  for (let i = 0; i < 16; i++) key += letters[randomInt(letters.length)];
  return key;
}

/** Whether a string has the shape of a key (after trimming; keys are compared in capitals). */
export function normalizeLicenseKey(input: string): string | null {
  const key = input.trim().toUpperCase();
  return /^[A-Z]{16}$/.test(key) ? key : null;
}
