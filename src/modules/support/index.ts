// The support module's surface for other modules (licenses: a new license's support; tickets: the
// plan a question is asked under; billing: credits bought; chat: VIP care; service levels: the hours).
import type { ModuleDescriptor } from '../../core/module.js';

export { loadSupportCalendar, saveSupportCalendar } from './calendar.js';
export { creditsChargedBetween } from './credits-report.js';
export {
  companyPlans,
  grantLicenseSupport,
  grantStorefrontSupport,
  isVipCompany,
  type LicenseSupportGrant,
  planAt,
  productTerms,
  supportSettings,
  type TicketPlan,
  ticketPlanFor,
} from './plans.js';
export type { CreditEntry, SupportPlanKind } from './tables.js';
export {
  adjustCredits,
  chargeCredits,
  creditBalance,
  grantCredits,
  insufficientCredits,
  listCreditEntries,
  purchaseCredits,
  refundCredits,
  ticketCreditEntries,
} from './wallet.js';

/** Support plans, the credit wallet and support hours (S-1…S-5). */
export const supportModule: ModuleDescriptor = {
  name: 'support',
  routes: [],
  permissions: { staff: ['staff.support.credits', 'staff.support.settings', 'staff.support.reports'] },
};
