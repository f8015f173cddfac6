import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { generateLicenseKey, normalizeLicenseKey } from './license-key.js';
import { classifyUrlChange, parseStoreUrl } from './license-url.js';

const change = (a: string, b: string) => classifyUrlChange(parseStoreUrl(a), parseStoreUrl(b));

describe('license keys (L-1)', () => {
  it('L-1 keys are 16 capital letters, unique in practice', () => {
    const keys = new Set(Array.from({ length: 2000 }, generateLicenseKey));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k).toMatch(/^[A-Z]{16}$/);
    // Every letter appears: the source is not biased to a subset.
    expect(new Set([...keys].join('')).size).toBe(26);
  });

  it('L-1 a key of the wrong shape is recognised', () => {
    expect(normalizeLicenseKey(' qwertyuiopasdfgh ')).toBe('QWERTYUIOPASDFGH');
    for (const bad of ['QWERTYUIOPASDFG', 'QWERTYUIOPASDFGHJ', 'QWERTYUIOPASDFG1', "QWERTYUIOPASDF'-", ''])
      expect(normalizeLicenseKey(bad)).toBeNull();
  });
});

describe('store URLs and their changes (L-5)', () => {
  it('L-5 normalizes the address: scheme, case, trailing slash, query and fragment', () => {
    expect(parseStoreUrl('Shop.Example.COM/Store/?utm=1#top')).toEqual({
      url: 'https://shop.example.com/Store',
      host: 'shop.example.com',
      registrableDomain: 'example.com',
      path: '/Store',
    });
    expect(parseStoreUrl('http://example.com:8080/').url).toBe('http://example.com:8080');
  });

  it('L-5 uses the public suffix list, not naive splitting', () => {
    expect(parseStoreUrl('https://shop.example.co.uk').registrableDomain).toBe('example.co.uk');
    expect(parseStoreUrl('https://a.b.example.com.au/x').registrableDomain).toBe('example.com.au');
    expect(parseStoreUrl('https://mystore.myshopify.com').registrableDomain).toBe('mystore.myshopify.com');
  });

  it('L-5 IDN and punycode forms of one domain are the same domain', () => {
    const idn = parseStoreUrl('https://shop.bücher.de');
    const puny = parseStoreUrl('https://shop.xn--bcher-kva.de');
    expect(idn.registrableDomain).toBe('xn--bcher-kva.de');
    expect(classifyUrlChange(idn, puny)).toBe('same');
  });

  it('L-5 refuses what is not a store address', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.com',
      'https://user:pw@example.com',
      'not a url',
      'https://localhost',
      'https://com',
      '',
    ]) {
      expect(() => parseStoreUrl(bad), bad).toThrow(AppError);
    }
    const err = (() => {
      try {
        parseStoreUrl('javascript:alert(1)');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.fieldErrors[0]?.field).toBe('url');
  });

  it('L-5 a folder change, a third-level change and a domain change are told apart', () => {
    expect(change('https://example.com/shop', 'https://example.com/store')).toBe('folder');
    expect(change('https://shop.example.com', 'https://store.example.com')).toBe('subdomain');
    expect(change('https://example.com', 'https://www.example.com')).toBe('subdomain');
    expect(change('https://shop.example.co.uk', 'https://shop.other.co.uk')).toBe('domain');
    expect(change('https://example.com', 'https://example.net')).toBe('domain');
    expect(change('http://example.com/shop/', 'https://EXAMPLE.com/shop')).toBe('same');
  });
});
