import dns from 'node:dns';
import type { DNSResolver } from 'mailauth';

export type { DNSResolver } from 'mailauth';

/**
 * E-2: whether the domain of the From: address vouches for a message (SPF, DKIM, DMARC), as checked
 * by the SMTP listener itself or as read from the Authentication-Results header of a trusted MTA.
 */
export interface MailAuthentication {
  /** listener: checked here (client IP, HELO, MAIL FROM); trusted-header: the configured MTA's header; none: not checked. */
  by: 'listener' | 'trusted-header' | 'none';
  authservId?: string;
  fromDomain: string;
  spf: { result: string; domain: string } | null;
  dkim: { domain: string; result: string; aligned: boolean }[];
  dmarc: { result: string; domain: string; policy: string | null } | null;
  /** The From: domain authenticated the mail: DMARC passed, or (no DMARC record) an aligned DKIM or SPF pass. */
  aligned: boolean;
  /** A DNS failure: checked again when the mail is processed again. */
  temporary: boolean;
  /** Authentication-Results headers of other authserv-ids, which count for nothing. */
  ignoredHeaders: number;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Relaxed alignment without a public-suffix list: the same domain, or one a subdomain of the other
 * (whoever controls a parent controls its subdomains; a public suffix never passes SPF or DKIM).
 */
export function alignedDomains(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/\.$/, '');
  const y = b.toLowerCase().replace(/\.$/, '');
  return !!x && !!y && (x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`));
}

function alignedWithoutDmarc(a: Pick<MailAuthentication, 'fromDomain' | 'spf' | 'dkim'>): boolean {
  return (
    a.dkim.some((d) => d.result === 'pass' && (d.aligned || alignedDomains(d.domain, a.fromDomain))) ||
    (a.spf?.result === 'pass' && alignedDomains(a.spf.domain, a.fromDomain))
  );
}

/** DNS lookups with a bound on the wait (mailauth's default would be the system's, unbounded by us). */
const boundedResolver = (): DNSResolver => {
  const r = new dns.promises.Resolver({ timeout: 4000, tries: 2 });
  return (name, type) => r.resolve(name, type) as Promise<string[][] | string[]>;
};

/**
 * The SMTP listener's own check of a message (mailauth: SPF for the client IP / HELO / MAIL FROM,
 * DKIM signatures, DMARC for the From: domain). Tests pass a stub resolver: never the network.
 */
export async function authenticateReceived(
  raw: Buffer,
  session: { ip: string; helo: string; sender: string; mta: string },
  fromAddress: string,
  resolver: DNSResolver = boundedResolver(),
): Promise<MailAuthentication> {
  const fromDomain = domainOf(fromAddress);
  try {
    // mailauth is loaded on first use: start-up does not pay for it (issue 10.12).
    const { authenticate } = await import('mailauth');
    const r = await authenticate(raw, {
      ip: session.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''),
      helo: session.helo || undefined,
      sender: session.sender,
      mta: session.mta,
      resolver,
      disableArc: true,
      disableBimi: true,
    });
    const spf = r.spf ? { result: r.spf.status.result, domain: r.spf.domain } : null;
    const dkim = (r.dkim.results ?? [])
      .filter((d) => d.signingDomain)
      .map((d) => ({ domain: d.signingDomain.toLowerCase(), result: d.status.result, aligned: !!d.status.aligned }));
    const dmarc = r.dmarc
      ? { result: r.dmarc.status.result, domain: r.dmarc.domain, policy: r.dmarc.policy ?? null }
      : null;
    const base = { fromDomain, spf, dkim };
    const aligned = dmarc?.result === 'pass' || ((!dmarc || dmarc.result === 'none') && alignedWithoutDmarc(base));
    const temporary = [spf?.result, dmarc?.result, ...dkim.map((d) => d.result)].some((x) =>
      ['temperror', 'temperr'].includes(x ?? ''),
    );
    return { by: 'listener', ...base, dmarc, aligned, temporary, ignoredHeaders: 0 };
  } catch {
    return { ...notAuthenticated(fromDomain), by: 'listener', temporary: true };
  }
}

/** Nothing vouches for the message (piped mail without a trusted Authentication-Results header). */
export function notAuthenticated(fromDomain: string, ignoredHeaders = 0): MailAuthentication {
  return {
    by: 'none',
    fromDomain,
    spf: null,
    dkim: [],
    dmarc: null,
    aligned: false,
    temporary: false,
    ignoredHeaders,
  };
}

interface AuthResultsHeader {
  authservId: string;
  results: { method: string; result: string; props: Record<string, string> }[];
}

/** RFC 8601: `authserv-id [version]; method=result [reason] ptype.property=value …; …`. Comments are dropped. */
export function parseAuthenticationResults(value: string): AuthResultsHeader | null {
  let text = '';
  let depth = 0;
  let quoted = false;
  for (const ch of value.replace(/\r?\n[ \t]+/g, ' ')) {
    if (ch === '"' && depth === 0) quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && depth > 0) depth--;
    else if (depth === 0) text += ch;
  }
  const [head, ...rest] = text.split(';').map((p) => p.trim());
  const authservId = head?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const results = rest.filter(Boolean).flatMap((p) => {
    const [first, ...tokens] = p.split(/\s+/);
    const m = /^([a-z0-9-]+)(?:\/\d+)?=([a-z]+)$/i.exec(first ?? '');
    if (!m?.[1] || !m[2]) return [];
    const props: Record<string, string> = {};
    for (const t of tokens) {
      const eq = t.indexOf('=');
      if (eq > 0)
        props[t.slice(0, eq).toLowerCase()] = t
          .slice(eq + 1)
          .replace(/^"|"$/g, '')
          .toLowerCase();
    }
    return [{ method: m[1].toLowerCase(), result: m[2].toLowerCase(), props }];
  });
  return { authservId, results };
}

/**
 * Piped mail (`clientele mail-in`): the Authentication-Results of the configured authserv-id (the
 * MTA in front, which removes such headers from what it receives, RFC 8601 §5) are believed; the
 * topmost one counts, and headers of any other authserv-id are ignored. No trusted id, no header:
 * not authenticated.
 */
export function authenticationFromHeaders(
  headerLines: readonly { key: string; line: string }[],
  trustedAuthservId: string | undefined,
  fromAddress: string,
): MailAuthentication {
  const fromDomain = domainOf(fromAddress);
  const parsed = headerLines
    .filter((h) => h.key.toLowerCase() === 'authentication-results')
    .map((h) => parseAuthenticationResults(h.line.slice(h.line.indexOf(':') + 1)))
    .filter((h): h is AuthResultsHeader => h !== null);
  const trusted = trustedAuthservId ? parsed.find((h) => h.authservId === trustedAuthservId) : undefined;
  const ignored = parsed.filter((h) => h !== trusted).length;
  if (!trusted) return notAuthenticated(fromDomain, ignored);
  const of = (method: string) => trusted.results.filter((r) => r.method === method);
  const spfRow = of('spf')[0];
  const spf = spfRow
    ? { result: spfRow.result, domain: domainOf(spfRow.props['smtp.mailfrom'] ?? spfRow.props['smtp.helo'] ?? '') }
    : null;
  const dkim = of('dkim').map((r) => {
    const domain = r.props['header.d'] ?? domainOf(r.props['header.i'] ?? '');
    return { domain, result: r.result, aligned: alignedDomains(domain, fromDomain) };
  });
  // A DMARC result counts only when it is about this From: domain (header.from: it, or its organization's).
  const dmarcRow = of('dmarc').find(
    (r) => !r.props['header.from'] || alignedDomains(r.props['header.from'], fromDomain),
  );
  const dmarc = dmarcRow
    ? {
        result: dmarcRow.result,
        domain: dmarcRow.props['header.from'] ?? fromDomain,
        policy: dmarcRow.props['policy.dmarc'] ?? null,
      }
    : null;
  const base = { fromDomain, spf, dkim };
  const aligned = dmarc?.result === 'pass' || ((!dmarc || dmarc.result === 'none') && alignedWithoutDmarc(base));
  const temporary = [spf?.result, dmarc?.result, ...dkim.map((d) => d.result)].includes('temperror');
  return {
    by: 'trusted-header',
    authservId: trusted.authservId,
    ...base,
    dmarc,
    aligned,
    temporary,
    ignoredHeaders: ignored,
  };
}

/** One line for staff: `spf=pass (example.com) dkim=pass (example.com, aligned) dmarc=fail (p=reject)`. */
export function describeAuthentication(a: MailAuthentication): string {
  if (a.by === 'none')
    return `not authenticated (piped without a trusted Authentication-Results header${a.ignoredHeaders ? `; ${a.ignoredHeaders} untrusted header(s) ignored` : ''})`;
  const parts = [
    `spf=${a.spf?.result ?? 'none'}${a.spf?.domain ? ` (${a.spf.domain})` : ''}`,
    a.dkim.length
      ? a.dkim.map((d) => `dkim=${d.result} (${d.domain}${d.aligned ? ', aligned' : ''})`).join(' ')
      : 'dkim=none',
    `dmarc=${a.dmarc?.result ?? 'none'}${a.dmarc?.policy ? ` (p=${a.dmarc.policy})` : ''}`,
  ];
  const by = a.by === 'listener' ? 'checked by the SMTP listener' : `from ${a.authservId}`;
  return `${parts.join(' ')}, ${by}${a.ignoredHeaders ? `; ${a.ignoredHeaders} untrusted header(s) ignored` : ''}`;
}
