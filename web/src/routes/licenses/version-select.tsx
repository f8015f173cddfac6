import { Select } from '@mantine/core';
import { useReleases } from '../../api/licenses';
import { versionLabel } from '../../labels';

/** L-9: choose a version of a product; each option shows its obsolete / out-of-guarantee marks. */
export function VersionSelect({
  productId,
  label,
  value,
  onChange,
  size = 'xs',
}: {
  productId: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  size?: 'xs' | 'sm';
}) {
  const { data } = useReleases(productId, { staleTime: 60_000 });
  return (
    <Select
      aria-label={label}
      placeholder="Select version"
      size={size}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label}` }}
      miw={210}
      data={(data?.releases ?? []).map((r) => ({ value: r.version, label: versionLabel(r) }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
    />
  );
}
