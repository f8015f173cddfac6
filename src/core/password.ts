import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords.js';
import { type FieldError, invalid } from './errors.js';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. Passwords are never stored otherwise. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash it still spends the same time on a dummy hash, so that a
 * log-in for an unknown e-mail cannot be told from a wrong password by its timing.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('clientele-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * at least `minLength` characters (any characters), not equal to or containing the e-mail's
 * local part or the person's name (or a word of it of 3+ letters), not a common password.
 * Returns the problems found, empty when the password is acceptable.
 */
export function checkPasswordRule(
  password: string,
  person: { email: string; name: string },
  minLength: number,
  field = 'password',
): FieldError[] {
  const errors: FieldError[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < minLength) {
    errors.push({ field, message: `Use at least ${minLength} characters.` });
  }
  if (password.length > 256) errors.push({ field, message: 'Use at most 256 characters.' });
  const local = person.email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && lower.includes(local)) {
    errors.push({ field, message: 'The password must not contain your e-mail name.' });
  }
  const name = person.name.toLowerCase();
  const nameParts = [name.replace(/\s+/g, ''), ...name.split(/[\s.,'-]+/)].filter((p) => p.length >= 3);
  if (nameParts.some((p) => lower.includes(p))) {
    errors.push({ field, message: 'The password must not contain your name.' });
  }
  if (commonPasswords.has(lower)) {
    errors.push({ field, message: 'This password is too common; choose another.' });
  }
  return errors;
}

/**
 * A-7 then argon2id: the hash of an acceptable new password, or a 400 with the rule's per-field
 * errors. Call it before opening a transaction: hashing takes tens of milliseconds.
 */
export async function hashNewPassword(
  password: string,
  person: { email: string; name: string },
  minLength: number,
  field = 'password',
): Promise<string> {
  const problems = checkPasswordRule(password, person, minLength, field);
  if (problems.length) throw invalid(problems);
  return hashPassword(password);
}
