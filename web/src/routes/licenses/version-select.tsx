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
  miw = 210,
}: {
  productId: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  size?: 'xs' | 'sm';
  /** The input's least width; in a narrow table cell pass 0: the options open wider than the input. */
  miw?: number;
}) {
  const { data } = useReleases(productId, { staleTime: 60_000 });
  return (
    <Select
      aria-label={label}
      placeholder="Select version"
      size={size}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label}` }}
      miw={miw}
      // The options keep their marks in full however narrow the input (L-9).
      comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
      data={(data?.releases ?? []).map((r) => ({ value: r.version, label: versionLabel(r) }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
    />
  );
}
