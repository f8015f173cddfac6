/** The service-levels module's API: SLA targets (S-5, S-6) and support reports (S-6). */
import { useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody } from './client';

export type SlaTargets = ResponseBody<'/api/v1/staff/support/sla', 'get'>;
export type SlaTargetsInput = NonNullable<RequestBody<'/api/v1/staff/support/sla', 'put'>>;
export type SupportReport = ResponseBody<'/api/v1/staff/support/reports', 'get'>;
export type ReportGroup = SupportReport['groupBy'];
export interface ReportParams {
  from: string;
  to: string;
  groupBy: ReportGroup;
  tz: string;
}

export const serviceLevelKeys = {
  targets: ['sla-targets'],
  report: (p: ReportParams) => ['support-report', p],
} as const;

export function useSlaTargets() {
  return useQuery({
    queryKey: serviceLevelKeys.targets,
    queryFn: () => data(client.GET('/api/v1/staff/support/sla')),
  });
}

export function saveSlaTargets(body: SlaTargetsInput) {
  return data(client.PUT('/api/v1/staff/support/sla', { body }));
}

export function useSupportReport(p: ReportParams, enabled: boolean) {
  return useQuery({
    queryKey: serviceLevelKeys.report(p),
    queryFn: () => data(client.GET('/api/v1/staff/support/reports', { params: { query: p } })),
    enabled,
  });
}

/** The CSV of the same report: a link the browser downloads (the session cookie goes with it). */
export function reportCsvUrl(p: ReportParams): string {
  return `/api/v1/staff/support/reports.csv?${new URLSearchParams({ ...p }).toString()}`;
}
