import { NumberInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { client, data } from '../../api/client';

/**
 * S-2: "I agree in advance to assessments up to N credits" on the new-ticket form: offered for tech
 * support questions whose licenses put the ticket on a credit or period plan (VIP care needs none).
 * Hidden, it sends nothing.
 */
export function PreAgreementField({
  techSupport,
  licenses,
  value,
  onChange,
  error,
}: {
  techSupport: boolean;
  licenses: string[];
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  error?: string | undefined;
}) {
  const plan = useQuery({
    queryKey: ['ticket-plan', licenses],
    enabled: techSupport,
    queryFn: () => data(client.GET('/api/v1/support/ticket-plan', { params: { query: { licenses } } })),
  });
  const offered = techSupport && !!plan.data && plan.data.plan !== 'vip';
  // Not offered (another type, a VIP license): no pre-agreement is sent.
  useEffect(() => {
    if (!offered && value !== undefined) onChange(undefined);
  }, [offered, value, onChange]);
  if (!offered) return null;
  return (
    <NumberInput
      label="I agree in advance to assessments up to (credits)"
      description="Saves a step: an assessment up to this amount is charged without asking you again. Leave empty to be asked."
      min={0}
      max={plan.data?.maxPreAgreement ?? 1000}
      allowDecimal={false}
      allowNegative={false}
      value={value ?? ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
      error={error}
      w={360}
    />
  );
}
