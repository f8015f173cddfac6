/** What the outbox holds, by delivery status, read through the staff mailbox API (E-1). */
export type OutboxCounts = Record<string, number>;

async function outboxCounts(url: string, staffToken: string): Promise<OutboxCounts> {
  const counts: OutboxCounts = {};
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${url}/api/v1/staff/mailbox?limit=200${q}`, {
      headers: { authorization: `Bearer ${staffToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`GET /staff/mailbox: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: { status: string }[]; nextCursor: string | null };
    for (const m of page.items) counts[m.status] = (counts[m.status] ?? 0) + 1;
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}

/**
 * Waits until no mail is pending or sending, through the running server's API (the embedded
 * database admits no second process, so the script cannot read it meanwhile). Returns the
 * milliseconds it took, or null when the bound passed first, with the last counts.
 */
export async function waitForDrain(
  url: string,
  staffToken: string,
  boundMs: number,
): Promise<{ ms: number | null; counts: OutboxCounts }> {
  const t0 = Date.now();
  let counts: OutboxCounts = {};
  for (;;) {
    try {
      counts = await outboxCounts(url, staffToken);
      if (!counts.pending && !counts.sending) return { ms: Date.now() - t0, counts };
    } catch {
      /* a slow answer: ask again */
    }
    if (Date.now() - t0 > boundMs) return { ms: null, counts };
    await new Promise((r) => setTimeout(r, 500));
  }
}
