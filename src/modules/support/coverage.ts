import type { SupportPlanKind } from './tables.js';

export interface PlanCoverage {
  plan: SupportPlanKind;
  title: string;
  covers: string[];
  /** What is not part of the plan and is charged in credits. */
  creditBased: string[];
}

/**
 * S-2…S-4: what each plan covers, in the words of the technical-support terms. Numbers that staff edit
 * (the VIP modifications per month) come from the settings.
 */
export function planCoverage(vipModificationsPerMonth: number): PlanCoverage[] {
  return [
    {
      plan: 'credit',
      title: 'Credit-based support',
      covers: [
        'Functionality or set-up questions: 5 credits, charged without confirmation',
        'Mis-configuration, setting up standard functionality, architecture or customization advice: 10 credits',
        'Complex code modifications: 20 credits or more, the price agreed with you',
        'Server settings, modified files or broken database data: 20 credits',
        'Upgrades within two patch versions: 20 credits, each following patch version 5 more',
      ],
      creditBased: ['Except for the first kind you agree to the assessment before credits are deducted'],
    },
    {
      plan: 'period',
      title: 'Period-based support',
      covers: [
        'Unlimited questions during the free period; a question asked in it is answered to the end',
        'Standard functionality and configuration',
        'Problems caused by a wrong configuration, setting up default functionality',
        'Architecture advice and minor modifications',
      ],
      creditBased: [
        'Server configuration or code modification issues',
        'Modifying the default functionality',
        'Upgrades',
        'Database work',
      ],
    },
    {
      plan: 'vip',
      title: 'VIP customer care',
      covers: [
        'Unlimited requests, no credits',
        'A first answer within 12 business hours, ahead of other tickets',
        'One free upgrade to the current version a year',
        `Up to ${vipModificationsPerMonth} minor modifications a month`,
        'Live chat during support hours',
      ],
      creditBased: [`Minor modifications beyond ${vipModificationsPerMonth} in a calendar month`],
    },
  ];
}
