import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CalendarSettings, type SupportCalendar, saveSupportCalendar, supportKeys } from '../../api/support';
import { ErrorAlert } from '../../components/error-alert';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { useFormErrors } from '../../components/use-field-errors';
import { formatDay } from '../../format';
import { SupportHoursCard } from '../support/support-hours-card';

const days = [1, 2, 3, 4, 5, 6, 7] as const;
type Day = (typeof days)[number];
const dayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type Week = Record<Day, [string, string][]>;

const weekOf = (hours: CalendarSettings['hours']): Week =>
  Object.fromEntries(days.map((d) => [d, (hours[d] ?? []).map(([s, e]) => [s, e])])) as Week;

/**
 * S-5: the support hours staff edit: the desk's time zone, working hours per weekday (several
 * intervals a day, e.g. a lunch break), holidays. The server refuses overlapping, empty or invalid
 * hours and unknown zones field by field; the hours as customers see them are shown after saving.
 */
export function CalendarEditor({ calendar }: { calendar: SupportCalendar }) {
  const qc = useQueryClient();
  const [timeZone, setTimeZone] = useState<string | null>(calendar.settings.timeZone);
  const [week, setWeek] = useState<Week>(weekOf(calendar.settings.hours));
  const [holidays, setHolidays] = useState<string[]>(calendar.settings.holidays);
  const [holiday, setHoliday] = useState('');
  const save = useMutation({
    mutationFn: () =>
      saveSupportCalendar({
        timeZone: timeZone ?? '',
        hours: Object.fromEntries(days.filter((d) => week[d].length > 0).map((d) => [d, week[d]])),
        holidays,
      }),
    onSuccess: (c) => {
      qc.setQueryData(supportKeys.calendar, c);
      qc.invalidateQueries({ queryKey: supportKeys.overview });
      notifications.show({ message: 'The support hours were saved.' });
    },
  });
  const errors = useFormErrors(save.error);
  // The errors of hours and holidays (placed by index) hide once any of them change, until the next save.
  const [hoursChanged, setHoursChanged] = useState(false);
  const hoursError = (field: string) => (hoursChanged ? undefined : errors.errorFor(field));
  const setDay = (d: Day, list: [string, string][]) => {
    setHoursChanged(true);
    setWeek({ ...week, [d]: list });
  };
  const shownFields = [
    'timeZone',
    'holidays',
    'hours',
    ...holidays.map((_, i) => `holidays.${i}`),
    ...days.flatMap((d) => [
      `hours.${d}`,
      ...week[d].flatMap((_, i) => [`hours.${d}.${i}`, `hours.${d}.${i}.0`, `hours.${d}.${i}.1`]),
    ]),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setHoursChanged(false);
    if (errors.validate({ timeZone: !timeZone && 'Choose the time zone of the support desk.' })) save.mutate();
  };
  const addHoliday = () => {
    if (!holiday || holidays.includes(holiday)) return;
    setHoursChanged(true);
    setHolidays([...holidays, holiday].sort());
    setHoliday('');
  };
  return (
    <Stack>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h4">
              Support hours
            </Title>
            <ErrorAlert error={errors.hasClientErrors ? null : save.error} fields={shownFields} />
            <TimeZoneSelect
              label="Time zone of the support desk"
              description="The working hours and holidays are on this clock; customers see them on theirs."
              automatic={false}
              value={timeZone}
              onChange={(z) => {
                errors.touch('timeZone');
                setTimeZone(z);
              }}
              error={errors.errorFor('timeZone')}
            />
            {hoursError('hours') && (
              <Text c="red" size="sm" role="alert">
                {hoursError('hours')}
              </Text>
            )}
            <Stack gap="xs">
              {days.map((d) => (
                <Stack key={d} gap={4} data-testid="calendar-day" data-day={d}>
                  <Group gap="sm" align="flex-start" wrap="wrap">
                    <Text fw={600} w={110} pt={6}>
                      {dayNames[d]}
                    </Text>
                    <Stack gap={4}>
                      {week[d].length === 0 && (
                        <Text c="dimmed" pt={6}>
                          Closed
                        </Text>
                      )}
                      {week[d].map(([start, end], i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
                        <Stack key={i} gap={2}>
                          <Group gap="xs" align="flex-start" wrap="nowrap">
                            <TextInput
                              type="time"
                              aria-label={`${dayNames[d]} opening ${i + 1} from`}
                              value={start}
                              onChange={(e) =>
                                setDay(
                                  d,
                                  week[d].map((x, j) => (j === i ? [e.currentTarget.value, x[1]] : x)),
                                )
                              }
                              error={hoursError(`hours.${d}.${i}.0`)}
                            />
                            <Text pt={6}>–</Text>
                            <TextInput
                              type="time"
                              aria-label={`${dayNames[d]} opening ${i + 1} until`}
                              value={end}
                              onChange={(e) =>
                                setDay(
                                  d,
                                  week[d].map((x, j) => (j === i ? [x[0], e.currentTarget.value] : x)),
                                )
                              }
                              error={hoursError(`hours.${d}.${i}.1`)}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              mt={4}
                              aria-label={`Remove ${dayNames[d]} opening ${i + 1}`}
                              onClick={() =>
                                setDay(
                                  d,
                                  week[d].filter((_, j) => j !== i),
                                )
                              }
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Group>
                          {hoursError(`hours.${d}.${i}`) && (
                            <Text c="red" size="sm" role="alert">
                              {hoursError(`hours.${d}.${i}`)}
                            </Text>
                          )}
                        </Stack>
                      ))}
                    </Stack>
                    <Button
                      variant="subtle"
                      size="xs"
                      mt={4}
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setDay(d, [...week[d], week[d].length ? ['14:00', '18:00'] : ['09:00', '18:00']])}
                    >
                      Add hours
                    </Button>
                  </Group>
                  {hoursError(`hours.${d}`) && (
                    <Text c="red" size="sm" role="alert">
                      {hoursError(`hours.${d}`)}
                    </Text>
                  )}
                </Stack>
              ))}
            </Stack>
            <Stack gap={4}>
              <Text fw={600}>Holidays</Text>
              {holidays.length === 0 && <Text c="dimmed">No holidays.</Text>}
              {holidays.map((h, i) => (
                <Group key={h} gap="xs">
                  <Text>{formatDay(h)}</Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove the holiday ${formatDay(h)}`}
                    onClick={() => {
                      setHoursChanged(true);
                      setHolidays(holidays.filter((x) => x !== h));
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                  {hoursError(`holidays.${i}`) && (
                    <Text c="red" size="sm">
                      {hoursError(`holidays.${i}`)}
                    </Text>
                  )}
                </Group>
              ))}
              <Group gap="xs" align="flex-end">
                <TextInput
                  type="date"
                  label="Add a holiday"
                  value={holiday}
                  onChange={(e) => setHoliday(e.currentTarget.value)}
                  error={hoursError('holidays')}
                />
                <Button variant="default" onClick={addHoliday} disabled={!holiday}>
                  Add
                </Button>
              </Group>
            </Stack>
            <Button type="submit" loading={save.isPending} w="fit-content">
              Save support hours
            </Button>
          </Stack>
        </form>
      </Paper>
      <SupportHoursCard hours={calendar.supportHours} title="As customers see them" />
    </Stack>
  );
}
