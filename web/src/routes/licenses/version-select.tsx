import { Select, Text } from '@mantine/core';
import { useReleases } from '../../api/licenses';
import { versionLabel } from '../../labels';

/**
 * L-9: choose a version of a product; each option shows its obsolete / out-of-guarantee marks.
 * `compact` (a narrow table cell): the input shows the version alone and the chosen version's marks
 * as a line below it, so nothing is cut; the options still carry their marks in full.
 */
export function VersionSelect({
  productId,
  label,
  value,
  onChange,
  size = 'xs',
  compact = false,
}: {
  productId: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  size?: 'xs' | 'sm';
  compact?: boolean;
}) {
  const { data } = useReleases(productId, { staleTime: 60_000 });
  const releases = data?.releases ?? [];
  const chosen = releases.find((r) => r.version === value);
  const marks =
    chosen &&
    versionLabel(chosen)
      .slice(chosen.version.length)
      .trim()
      .replace(/^\(|\)$/g, '');
  const labels = new Map(releases.map((r) => [r.version, versionLabel(r)]));
  return (
    <Select
      aria-label={label}
      placeholder="Select version"
      size={size}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label}` }}
      miw={compact ? 0 : 210}
      comboboxProps={compact ? { width: 'max-content', position: 'bottom-start' } : undefined}
      data={releases.map((r) => ({ value: r.version, label: compact ? r.version : versionLabel(r) }))}
      renderOption={compact ? ({ option }) => labels.get(option.value) ?? option.label : undefined}
      description={
        compact && marks ? (
          <Text span size="xs" c="dimmed">
            {marks}
          </Text>
        ) : undefined
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
    />
  );
}
