/**
 * E-2: recognizes bounces and automatic replies by their headers (RFC 3834 Auto-Submitted, the
 * common X-Autoreply family, Precedence, delivery-status reports, the null sender), so that they
 * never create tickets or mail loops.
 */
export function automaticKind(
  headers: Map<string, unknown>,
  envelopeFrom: string,
  from: string,
): 'bounce' | 'auto-reply' | null {
  const h = (name: string) => {
    const v = headers.get(name);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v.toLowerCase();
    if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value).toLowerCase();
    return String(v).toLowerCase();
  };
  const contentType = h('content-type');
  if (contentType.includes('multipart/report') || contentType.includes('delivery-status')) return 'bounce';
  if (envelopeFrom === '<>' || /^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return 'auto-reply';
  if (
    headers.has('x-autoreply') ||
    headers.has('x-autorespond') ||
    (headers.has('x-auto-response-suppress') && h('x-auto-response-suppress').includes('all'))
  )
    return 'auto-reply';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return 'auto-reply';
  return null;
}

/** The new text of a reply: the quoted history below "On … wrote:" or an "Original Message" line is dropped. */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (/^-{2,}\s*Original Message\s*-{2,}/i.test(line) || /^_{10,}$/.test(line)) break;
    if (/^On .{1,200}wrote:\s*$/.test(line) || (/^On .{1,200}$/.test(line) && /wrote:\s*$/.test(lines[i + 1] ?? '')))
      break;
    if (/^>/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

/** The size of the header section of a raw message (up to the first empty line). */
export function headerBytes(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((x) => x >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}
