import { Select } from '@mantine/core';
import { browserTimeZone } from '../format';

const zones =
  typeof Intl.supportedValuesOf === 'function'
    ? ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]
    : ['UTC'];
/** The option that stands for "not set": a Select's values are strings, so null travels as ''. */
const automatic = '';

/**
 * The time-zone setting of a person (profile or staff user): "Automatic" (null: the browser's zone,
 * named in the option) or an IANA zone. Times everywhere are then shown in that zone. With
 * `automatic={false}` (a zone that must be named, like the support desk's) there is no "Automatic".
 */
export function TimeZoneSelect({
  value,
  onChange,
  error,
  label = 'Time zone',
  description = 'Every date and time is shown in this zone.',
  automatic: withAutomatic = true,
}: {
  value: string | null;
  onChange: (zone: string | null) => void;
  error?: string;
  label?: string;
  description?: string;
  automatic?: boolean;
}) {
  const known = value === null || zones.includes(value) ? zones : [value, ...zones];
  const auto = withAutomatic ? [{ value: automatic, label: `Automatic (browser: ${browserTimeZone()})` }] : [];
  return (
    <Select
      label={label}
      description={description}
      searchable
      allowDeselect={false}
      data={[...auto, ...known]}
      value={value ?? automatic}
      error={error}
      onChange={(v) => onChange(v ? v : null)}
    />
  );
}
