import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { License } from '../../api/license-types';

export function useLicense(key: string) {
  return useQuery({ queryKey: ['license', key], queryFn: () => get<License>(`/licenses/${key}`) });
}
