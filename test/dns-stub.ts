import type { DNSResolver } from 'mailauth';

/**
 * A DNS resolver for mailauth that answers from a table and never touches the network (E-2 tests):
 * `{ 'example.com TXT': ['v=spf1 ip4:127.0.0.1 -all'] }`. Any other name does not exist (ENOTFOUND).
 * Records may be changed between messages; long TXT strings are split in 255-character chunks.
 */
export function stubResolver(records: Record<string, string[]> = {}): DNSResolver & {
  records: Record<string, string[]>;
  asked: string[];
} {
  const asked: string[] = [];
  const resolve = async (name: string, type: string) => {
    const key = `${name.toLowerCase().replace(/\.$/, '')} ${type.toUpperCase()}`;
    asked.push(key);
    const found = resolve.records[key];
    if (!found?.length) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return type.toUpperCase() === 'TXT' ? found.map((v) => v.match(/.{1,255}/g) ?? ['']) : found;
  };
  resolve.records = records;
  resolve.asked = asked;
  return resolve;
}
