import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Box,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldError } from '../../api/client';
import {
  type ReportGroup,
  type ReportParams,
  reportCsvUrl,
  type SupportReport,
  useSupportReport,
} from '../../api/service-levels';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useIsPhone } from '../../components/responsive';
import { formatDuration, today, viewerTimeZone } from '../../format';
import { businessSpan } from './sla-clock';

const DAY = 86_400_000;
const groupLabels: Record<ReportGroup, string> = { department: 'Department', plan: 'Plan', priority: 'Priority' };
const minutes = businessSpan;
const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);

/**
 * S-6 / issue 12 item 8: first-response and resolution times (business time, median and p90), breaches,
 * credits charged and time spent over a period of at most 366 days, per department, plan or priority;
 * a chart with the figures in a table for screen readers, the table itself, and the CSV.
 */
export function SupportReportsPage() {
  const [from, setFrom] = useState(() => new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<ReportGroup>('department');
  const params: ReportParams = { from, to, groupBy, tz: viewerTimeZone() };
  const complete = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const report = useSupportReport(params, complete);
  return (
    <Stack>
      <PageTitle>Support reports</PageTitle>
      <Card withBorder>
        <Group align="end" wrap="wrap">
          <TextInput
            type="date"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={fieldError(report.error, 'from')}
          />
          <TextInput
            type="date"
            label="To (included)"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={fieldError(report.error, 'to')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="group-by-label">
              Group by
            </Text>
            <SegmentedControl
              aria-labelledby="group-by-label"
              value={groupBy}
              onChange={(v) => setGroupBy(v as ReportGroup)}
              data={Object.entries(groupLabels).map(([value, label]) => ({ value, label }))}
            />
          </Stack>
          {complete && (
            <Anchor href={reportCsvUrl(params)} download size="sm">
              <Group gap={4}>
                <IconDownload size={16} aria-hidden />
                Download CSV
              </Group>
            </Anchor>
          )}
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Days in {params.tz}; at most 366. Times are business minutes (support hours only), of the tickets opened in
          the period; breaches, credits and time spent are those recorded in it.
        </Text>
      </Card>
      <ErrorAlert error={report.error} fields={['from', 'to']} />
      {report.isPending && complete && <Skeleton h={300} />}
      {report.data && <Report r={report.data} />}
    </Stack>
  );
}

function Report({ r }: { r: SupportReport }) {
  const phone = useIsPhone();
  if (!r.rows.length)
    return (
      <Card withBorder>
        <Text>No tickets, breaches, credits or time recorded in this period.</Text>
      </Card>
    );
  const chart = r.rows.map((x) => ({
    label: x.label,
    firstResponse: hours(x.firstResponseMedian),
    resolution: hours(x.resolutionMedian),
  }));
  return (
    <>
      <Card withBorder component="section" aria-labelledby="chart-title">
        <Title order={2} size="h4" id="chart-title">
          Median times per {groupLabels[r.groupBy].toLowerCase()}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          Business hours from opening to the first answer and to closing.
        </Text>
        <Box
          component="figure"
          m={0}
          aria-label="Median first-response and resolution hours (the table has the figures)"
        >
          <BarChart
            h={240}
            data={chart}
            dataKey="label"
            series={[
              { name: 'firstResponse', label: 'First response (h)', color: 'blue.8' },
              { name: 'resolution', label: 'Resolution (h)', color: 'teal.8' },
            ]}
            withLegend
            tickLine="y"
          />
        </Box>
        <VisuallyHidden>
          <table>
            <caption>
              Median first-response and resolution time per {groupLabels[r.groupBy].toLowerCase()}, in business hours
            </caption>
            <thead>
              <tr>
                <th>{groupLabels[r.groupBy]}</th>
                <th>First response</th>
                <th>Resolution</th>
              </tr>
            </thead>
            <tbody>
              {chart.map((c) => (
                <tr key={c.label}>
                  <td>{c.label}</td>
                  <td>{c.firstResponse ?? '—'}</td>
                  <td>{c.resolution ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </VisuallyHidden>
      </Card>
      {phone ? (
        <Stack gap="xs">
          {r.rows.map((x) => (
            <Card key={x.key} withBorder padding="sm">
              <Title order={2} size="h5">
                {x.label}
              </Title>
              <Text size="sm">
                {x.tickets} tickets; first response median {minutes(x.firstResponseMedian)}, p90{' '}
                {minutes(x.firstResponseP90)}
              </Text>
              <Text size="sm">
                {x.resolved} resolved; median {minutes(x.resolutionMedian)}, p90 {minutes(x.resolutionP90)}
              </Text>
              <Text size="sm">
                {x.breaches} breaches · {x.creditsCharged} credits · {formatDuration(x.timeSpentMinutes * 60)} spent
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table withTableBorder striped fz="sm" data-testid="report-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{groupLabels[r.groupBy]}</Table.Th>
              <Table.Th ta="right">Tickets</Table.Th>
              <Table.Th ta="right">First response median / p90</Table.Th>
              <Table.Th ta="right">Resolved</Table.Th>
              <Table.Th ta="right">Resolution median / p90</Table.Th>
              <Table.Th ta="right">Breaches</Table.Th>
              <Table.Th ta="right">Credits</Table.Th>
              <Table.Th ta="right">Time spent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.rows.map((x) => (
              <Table.Tr key={x.key}>
                <Table.Td>{x.label}</Table.Td>
                <Table.Td ta="right">{x.tickets}</Table.Td>
                <Table.Td ta="right">
                  {minutes(x.firstResponseMedian)} / {minutes(x.firstResponseP90)}
                </Table.Td>
                <Table.Td ta="right">{x.resolved}</Table.Td>
                <Table.Td ta="right">
                  {minutes(x.resolutionMedian)} / {minutes(x.resolutionP90)}
                </Table.Td>
                <Table.Td ta="right">{x.breaches}</Table.Td>
                <Table.Td ta="right">{x.creditsCharged}</Table.Td>
                <Table.Td ta="right">{formatDuration(x.timeSpentMinutes * 60)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
