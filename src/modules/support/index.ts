// The support module's surface for other modules (licenses: a new license's support; tickets: the
// plan a question is asked under; billing: credits bought; chat: VIP care; service levels: the hours).
import type { ModuleDescriptor } from '../../core/module.js';
import { assessmentRoutes, assessmentStaffRoutes } from './assessment/routes.js';
import { supportRoutes } from './routes.js';
import { supportStaffRoutes } from './staff-routes.js';

export { type BuyCreditsHint, buyCreditsHint, lowBalanceCredits } from './hints.js';

// S-2 assessment: tickets record their plan on creation; service levels read "agreement pending".
export { agreementPending, recordTicketSupport, setAgreementPending } from './assessment/ticket-support.js';
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
  routes: [supportRoutes, supportStaffRoutes, assessmentRoutes, assessmentStaffRoutes],
  sections: [
    { key: 'support', area: 'portal', permission: 'tickets.use', position: 15 },
    { key: 'staff-support-settings', area: 'staff', permission: 'staff.support.settings', position: 35 },
  ],
  permissions: { staff: ['staff.support.credits', 'staff.support.settings', 'staff.support.reports'] },
};
