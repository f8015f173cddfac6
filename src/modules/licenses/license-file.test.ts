import { describe, expect, it } from 'vitest';
import { canonicalJson, type LicensePayload, verifyLicenseFile } from '../../verify-license-file.js';
import { generateSigningKeys, loadSigningKeys, signLicenseFile } from './license-file.js';

const keys = loadSigningKeys(generateSigningKeys().privateKeyPem);
const payload: LicensePayload = {
  key: 'QWERTYUIOPASDFGH',
  url: 'https://shop.example.com/store',
  products: [
    { product: 'shopcart-gold', version: '4.1.3' },
    { product: 'shopcart-reviews', version: '4.1.0' },
  ],
  expiresAt: '2027-01-01T00:00:00.000Z',
  issuedAt: '2026-03-02T09:00:00.000Z',
};
const at = new Date('2026-06-01T00:00:00Z');

describe('signed license file (L-10)', () => {
  it('L-10 canonical JSON sorts keys at every level and has no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('L-10 a signed file verifies offline with the public key, also after a JSON round trip with other key order', () => {
    const file = signLicenseFile(payload, keys);
    expect(verifyLicenseFile(JSON.stringify(file), keys.publicKeyPem, at)).toEqual({ valid: true, payload });
    const reordered = JSON.stringify(
      {
        signature: file.signature,
        payload: { ...file.payload, key: file.payload.key },
        alg: file.alg,
        format: file.format,
      },
      null,
      2,
    );
    expect(verifyLicenseFile(reordered, keys.publicKeyPem, at).valid).toBe(true);
  });

  it('L-10 a tampered file is rejected', () => {
    const file = signLicenseFile(payload, keys);
    const tampered = { ...file, payload: { ...file.payload, url: 'https://other.example.com' } };
    expect(verifyLicenseFile(tampered, keys.publicKeyPem, at)).toEqual({ valid: false, reason: 'bad-signature' });
    const moreProducts = {
      ...file,
      payload: { ...file.payload, products: [...file.payload.products, { product: 'x', version: null }] },
    };
    expect(verifyLicenseFile(moreProducts, keys.publicKeyPem, at)).toEqual({ valid: false, reason: 'bad-signature' });
    const longer = { ...file, payload: { ...file.payload, expiresAt: '2099-01-01T00:00:00.000Z' } };
    expect(verifyLicenseFile(longer, keys.publicKeyPem, at)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('L-10 another vendor’s key, an expired file and garbage are rejected', () => {
    const file = signLicenseFile(payload, keys);
    const other = loadSigningKeys(generateSigningKeys().privateKeyPem);
    expect(verifyLicenseFile(file, other.publicKeyPem, at)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifyLicenseFile(file, keys.publicKeyPem, new Date('2027-01-01T00:00:00Z'))).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(verifyLicenseFile(file, keys.publicKeyPem, new Date('2026-03-01T00:00:00Z'))).toEqual({
      valid: false,
      reason: 'not-yet-valid',
    });
    expect(verifyLicenseFile('{not json', keys.publicKeyPem, at)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyLicenseFile({ ...file, signature: '!!' }, keys.publicKeyPem, at).valid).toBe(false);
    expect(verifyLicenseFile({ ...file, alg: 'RS256' }, keys.publicKeyPem, at)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(verifyLicenseFile(file, 'not a key', at)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('L-10 a perpetual file (no expiry) stays valid', () => {
    const file = signLicenseFile({ ...payload, expiresAt: null }, keys);
    expect(verifyLicenseFile(file, keys.publicKeyPem, new Date('2040-01-01T00:00:00Z')).valid).toBe(true);
  });
});
