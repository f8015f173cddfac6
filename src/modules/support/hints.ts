/**
 * S-2: below this balance the support page says how to get more credits (20 is the price of server,
 * database or upgrade work, the most common charge after the 5- and 10-credit questions).
 */
export const lowBalanceCredits = 20;

export interface BuyCreditsHint {
  message: string;
  /** Where to go: the new-ticket page until the shop exists (the billing issue replaces it by the shop). */
  href: string;
  linkLabel: string;
}

/**
 * S-2: how a company gets more credits, worded once for every place that offers them (the support
 * page, an assessment the balance does not cover).
 */
export function buyCreditsHint(): BuyCreditsHint {
  return {
    message: 'The shop is not open yet: ask for credits in a Sales question.',
    href: '/tickets/new',
    linkLabel: 'Ask Sales',
  };
}
