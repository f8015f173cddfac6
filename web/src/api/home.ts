/** The home module's API: the customer home page's numbers (GET /home). */
import { useQuery } from '@tanstack/react-query';
import { client, data, type ResponseBody } from './client';

export type HomeSummary = ResponseBody<'/api/v1/home', 'get'>;

export const homeKeys = { summary: ['home-summary'] } as const;

/** Open tickets, awaiting your reply, licenses needing action, new releases and security patches. */
export function useHomeSummary() {
  return useQuery({ queryKey: homeKeys.summary, queryFn: () => data(client.GET('/api/v1/home')) });
}
