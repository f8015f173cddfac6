import type { CreditEntry, LicensePlan } from '../../api/support';

export const planLabels: Record<LicensePlan['plan'], string> = {
  credit: 'Credits',
  period: 'Free period',
  vip: 'VIP care',
};
export const planColors: Record<LicensePlan['plan'], string> = { credit: 'blue', period: 'teal', vip: 'grape' };

export const entryLabels: Record<CreditEntry['kind'], string> = {
  granted: 'Granted',
  purchased: 'Purchased',
  charged: 'Charged',
  refunded: 'Refunded',
  adjusted: 'Adjusted',
};

/** "+50" / "−10": the sign always shown. */
export const signed = (n: number) => (n > 0 ? `+${n}` : `−${Math.abs(n)}`);

/** What the plan in force means for this license, in words: "VIP until 2 March 2027 (365 days left)". */
export function planDetail(p: LicensePlan, formatDate: (iso: string) => string): string {
  if (p.plan === 'credit')
    return p.hasPlan ? 'Uses the company’s credits' : 'Uses the company’s credits (no credits of its own)';
  const left = p.daysLeft === 1 ? '1 day left' : `${p.daysLeft} days left`;
  return `${p.plan === 'vip' ? 'Until' : 'Ends'} ${p.until ? formatDate(p.until) : ''} (${left})`;
}
