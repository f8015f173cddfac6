import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { hmacSha256 } from '../../core/secrets.js';
import { serverSecret } from '../../core/server-secrets.js';

/** Who a ticket mail was sent to: a customer's profile or a staff user. */
export interface ReplyRecipient {
  kind: 'profile' | 'staff';
  id: string;
}

export interface ReplyToken {
  ticketNumber: string;
  recipient: ReplyRecipient;
}

/** 80 bits of HMAC: guessing one for a given person and ticket takes about 2^79 tries. */
const macBytes = 10;
const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
const tokenPattern = /^([ps])(\d{1,15})-([a-z2-7]{42})$/;

/** The key of the reply address tokens (`server_secrets`); `conn` may be the caller's transaction. */
export function replyTokenKey(ctx: AppContext, conn?: DbOrTrx): Promise<Buffer> {
  return serverSecret(ctx.db, 'mail-reply-token', conn);
}

const macOf = (key: Buffer, ticketNumber: string, r: ReplyRecipient) =>
  hmacSha256(key, `clientele-reply-v1\n${ticketNumber}\n${r.kind}\n${r.id.toLowerCase()}`).subarray(0, macBytes);

/** RFC 4648 base32 in lower case, unpadded: a mail address's local part may lose its case. */
function base32(buf: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(s: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * E-2 / T-15: the token of one recipient's reply address for one ticket:
 * `<p|s><ticket number>-<base32 of the recipient's id (16 bytes) and an HMAC-SHA256 (first 10 bytes)
 * of ticket number, kind and id>`, 42 + a few characters, e.g. `p1042-…`.
 */
export function replyToken(key: Buffer, ticketNumber: string, r: ReplyRecipient): string {
  const id = Buffer.from(r.id.replaceAll('-', ''), 'hex');
  if (id.length !== 16) throw new Error('A reply token needs a UUID.');
  return `${r.kind === 'staff' ? 's' : 'p'}${ticketNumber}-${base32(Buffer.concat([id, macOf(key, ticketNumber, r)]))}`;
}

/** The ticket and recipient a token was made for, or null when it is malformed or its HMAC does not match. */
export function verifyReplyToken(key: Buffer, token: string): ReplyToken | null {
  const m = tokenPattern.exec(token.toLowerCase());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const bytes = fromBase32(m[3]);
  // One spelling per token: the 2 spare bits of the last character must be zero.
  if (base32(bytes) !== m[3]) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const recipient: ReplyRecipient = { kind: m[1] === 's' ? 'staff' : 'profile', id };
  const mac = bytes.subarray(16);
  const expected = macOf(key, m[2], recipient);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  return { ticketNumber: m[2], recipient };
}

/** `support+<token>@domain` for the support address `support@domain`. */
export function replyAddress(supportAddress: string, token: string): string {
  const at = supportAddress.lastIndexOf('@');
  return `${supportAddress.slice(0, at)}+${token}@${supportAddress.slice(at + 1)}`;
}

/** The tokens of the support address's `+token` forms among these addresses (any case), in order. */
export function replyTokensIn(supportAddress: string, addresses: readonly string[]): string[] {
  const at = supportAddress.lastIndexOf('@');
  const prefix = `${supportAddress.slice(0, at)}+`.toLowerCase();
  const suffix = supportAddress.slice(at).toLowerCase();
  return addresses
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a.startsWith(prefix) && a.endsWith(suffix) && a.length > prefix.length + suffix.length)
    .map((a) => a.slice(prefix.length, a.length - suffix.length));
}

/** The Reply-To header of a ticket mail to one recipient. */
export function replyToHeader(ctx: AppContext, key: Buffer, ticketNumber: string, r: ReplyRecipient) {
  return { 'Reply-To': replyAddress(ctx.config.supportAddress, replyToken(key, ticketNumber, r)) };
}
