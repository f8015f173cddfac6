/** How the UI writes sizes, dates and times: one place, so every page shows them alike. */

/** A size in bytes: "512 B", "3.4 KB", "12.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** An instant (ISO 8601) as the browser's local date and time; `empty` when there is none. */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  return iso ? new Date(iso).toLocaleString() : empty;
}

/** An instant (ISO 8601) as the browser's local date. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString();
}

/** A calendar day ('YYYY-MM-DD', no time zone) as the browser writes dates. */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00`).toLocaleDateString();
}

/** The calendar day (UTC) of an ISO 8601 instant: '2026-03-02'. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** Today as 'YYYY-MM-DD' (UTC), the value of an empty date input. */
export function today(): string {
  return dayOf(new Date().toISOString());
}
