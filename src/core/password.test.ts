import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { checkPasswordRule, hashPassword, verifyPassword } from './password.js';

const person = { email: 'jane.doe@example.com', name: 'Jane Doe' };
const fields = (pw: string, min = 8) => checkPasswordRule(pw, person, min).map((e) => e.message);

describe('password rule (A-7)', () => {
  it('A-7 needs at least 8 characters by default, counting characters not bytes', () => {
    expect(fields('Short1!')).toEqual(['Use at least 8 characters.']);
    expect(fields('ååååååå')).toEqual(['Use at least 8 characters.']);
    expect(fields('Long enough')).toEqual([]);
  });

  it('A-7 allows any characters: spaces, unicode, emoji', () => {
    expect(fields('très sûr 🙂 mot')).toEqual([]);
    expect(fields('        spaces ok')).toEqual([]);
  });

  it('A-7 refuses a password containing the e-mail’s local part or the person’s name', () => {
    expect(fields('xx JANE.DOE xx')).toContain('The password must not contain your e-mail name.');
    expect(fields('iamjanedoe!!')).toContain('The password must not contain your name.');
    expect(fields('hello doe world')).toContain('The password must not contain your name.');
  });

  it('A-7 refuses common passwords', () => {
    expect(fields('Password123')).toContain('This password is too common; choose another.');
    expect(fields('qwertyuiop')).toContain('This password is too common; choose another.');
  });

  it('A-7 the minimum is configurable but never below 6', () => {
    expect(fields('sixsix', 6)).toEqual([]);
    expect(loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '12' }).passwordMinLength).toBe(12);
    expect(() => loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '5' })).toThrow(/CLIENTELE_PASSWORD_MIN_LENGTH: can never be below 6/);
  });

  it('A-7 stores passwords only as argon2id hashes', async () => {
    const hash = await hashPassword('Correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});

describe('configuration', () => {
  it('names every bad variable at start-up', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'LOG_LEVEL']) expect(problems).toContain(name);
    }
  });

  it('derives cookie security from the public URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://help.example.com/' })).toMatchObject({ publicUrl: 'https://help.example.com', cookieSecure: true });
    expect(loadConfig({ PORT: '4000' })).toMatchObject({ publicUrl: 'http://localhost:4000', cookieSecure: false });
  });
});
