/** The assessment of tickets in credits (S-2…S-4): a ticket's support, the staff's assessment, Agree / Decline. */
import { useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';
import { idempotencyHeader } from './create-mutation';

export type TicketSupport = ResponseBody<'/api/v1/tickets/{number}/support', 'get'>;
export type StaffTicketSupport = ResponseBody<'/api/v1/staff/tickets/{number}/support', 'get'>;
export type Assessment = TicketSupport['assessments'][number];
export type AssessmentState = Assessment['state'];
export type NewAssessment = RequestBody<'/api/v1/staff/tickets/{number}/assessments', 'post'>;
export type AssessmentQuote = ResponseBody<'/api/v1/staff/tickets/{number}/assessment-quote', 'get'>;

export const assessmentKeys = {
  customer: (number: string) => ['ticket-support', number],
  staff: (number: string) => ['staff-ticket-support', number],
  quote: (number: string, q: NewAssessment) => ['assessment-quote', number, q],
} as const;

export const assessmentStateLabels: Record<AssessmentState, string> = {
  pending: 'Waiting for the customer',
  charged: 'Charged',
  refunded: 'Difference refunded',
  covered: 'Covered by VIP care',
  declined: 'Declined',
  superseded: 'Replaced',
};

export const planLabels: Record<TicketSupport['plan']['kind'], string> = {
  credit: 'Credit-based',
  period: 'Free support period',
  vip: 'VIP customer care',
};

/** S-2: the customer's view of a ticket's support. */
export function useTicketSupport(number: string) {
  return useQuery({
    queryKey: assessmentKeys.customer(number),
    queryFn: () => data(client.GET('/api/v1/tickets/{number}/support', { params: { path: { number } } })),
  });
}

export const agreeToAssessment = (number: string, id: string) =>
  data(client.POST('/api/v1/tickets/{number}/assessments/{id}/agree', { params: { path: { number, id } } }));

export const declineAssessment = (number: string, id: string) =>
  data(client.POST('/api/v1/tickets/{number}/assessments/{id}/decline', { params: { path: { number, id } } }));

/** S-2: the staff's view, with the categories and the product's versions. */
export function useStaffTicketSupport(number: string) {
  return useQuery({
    queryKey: assessmentKeys.staff(number),
    queryFn: () => data(client.GET('/api/v1/staff/tickets/{number}/support', { params: { path: { number } } })),
  });
}

/** What an assessment would cost (live, as the agent fills the form); nothing is written. */
export function useAssessmentQuote(number: string, q: NewAssessment, enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.quote(number, q),
    enabled,
    retry: false,
    queryFn: () =>
      data(
        client.GET('/api/v1/staff/tickets/{number}/assessment-quote', {
          params: { path: { number }, query: q },
        }),
      ),
  });
}

export const assessTicket = (number: string, body: NewAssessment, key: string) =>
  data(
    client.POST('/api/v1/staff/tickets/{number}/assessments', {
      params: { path: { number }, header: idempotencyHeader(key) },
      body,
    }),
  );
