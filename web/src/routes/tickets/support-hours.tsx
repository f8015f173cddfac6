import { Text } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import type { TicketOptions } from '../../api/tickets';
import { zoneName } from '../../format';

type Opening = TicketOptions['supportHours']['hours'][number];
const dayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon–Fri 09:00–18:00, Sat 10:00–14:00": runs of days with the same hours written once. */
export function weekText(hours: Opening[]): string {
  const runs: { from: number; to: number; times: string }[] = [];
  const byDay = new Map<number, string>();
  for (const h of hours) {
    const t = `${h.start}–${h.end}`;
    byDay.set(h.weekday, byDay.has(h.weekday) ? `${byDay.get(h.weekday)}, ${t}` : t);
  }
  for (const [day, times] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    const last = runs.at(-1);
    if (last && last.to === day - 1 && last.times === times) last.to = day;
    else runs.push({ from: day, to: day, times });
  }
  return runs.map((r) => `${dayNames[r.from]}${r.to > r.from ? `–${dayNames[r.to]}` : ''} ${r.times}`).join('; ');
}

/** S-5: the support hours on the desk's clock and on the viewer's, e.g. next to HotRush. */
export function SupportHours({ hours }: { hours: TicketOptions['supportHours'] | undefined }) {
  if (!hours) return null;
  const desk = `${weekText(hours.hours)} ${zoneName(new Date(), hours.timeZone)}`;
  const same = hours.viewerTimeZone === null || weekText(hours.inViewerZone ?? []) === weekText(hours.hours);
  return (
    <Text size="sm" c="dimmed" data-testid="support-hours">
      <IconClock size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
      Support hours: {desk}
      {!same && hours.inViewerZone && hours.viewerTimeZone
        ? ` (${weekText(hours.inViewerZone)} your time, ${zoneName(new Date(), hours.viewerTimeZone)})`
        : ''}
    </Text>
  );
}
