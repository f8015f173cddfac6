import { PageTitle } from '../../components/page-title';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Box,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { type StaffOverview, useStaffOverview } from '../../api/tickets';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { viewerTimeZone } from '../../format';
import { roleLabels } from '../../labels';
import { useSectionsOf } from '../../sections';

/**
 * Issue 11: the staff Overview. For those who work tickets, numbers that each open the queue
 * filtered to them (open, unassigned, mine, breaching per department), the ticket waiting longest,
 * tickets created and solved per day over 30 days, the CSAT trend and the held inbound mail; for
 * staff who do not work tickets (content), their sections instead.
 */
export function StaffHomePage({ me }: { me: Me }) {
  const sections = useSectionsOf(me.sections, 'staff-home');
  const works = can(me, 'staff.tickets');
  const overview = useStaffOverview(viewerTimeZone(), { enabled: works });
  return (
    <Stack>
      <PageTitle>Overview</PageTitle>
      <Text c="dimmed">
        Signed in as {me.name} ({roleLabels[me.role] ?? me.role})
      </Text>
      {works && <ErrorAlert error={overview.error} />}
      {works && overview.isPending && <Skeleton h={240} />}
      {works && overview.data && <Figures o={overview.data} />}
      {/* The figures lead for staff who work tickets; the others (content) get their sections here. */}
      {!works && (
        <section aria-labelledby="sections-title">
          <Title order={2} size="h4" id="sections-title" mb="xs">
            Sections
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3, lg: 4 }}>
            {sections.map((s) => (
              <Card key={s.path} withBorder padding="sm">
                <Anchor component={Link} to={s.path} fw={600}>
                  {s.label}
                </Anchor>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      )}
    </Stack>
  );
}

const queueLink = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  return `/staff/tickets${p.size ? `?${p}` : ''}`;
};

function Stat({ label, value, to, alert }: { label: string; value: number; to: string; alert?: boolean }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Anchor component={Link} to={to} fz={28} fw={700} c={alert && value > 0 ? 'red.8' : undefined}>
        {value.toLocaleString()}
      </Anchor>
    </Card>
  );
}

function Figures({ o }: { o: StaffOverview }) {
  const day = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  const perDay = o.perDay.map((d) => ({ ...d, label: day(d.day) }));
  const csat = o.csat.map((w) => ({ ...w, label: day(w.week), average: w.average ?? undefined }));
  const rated = o.csat.reduce((n, w) => n + w.rated, 0);
  return (
    <>
      <section aria-labelledby="now-title">
        <Title order={2} size="h4" id="now-title" mb="xs">
          Open work
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Stat label="Open" value={o.totals.open} to={queueLink({})} />
          <Stat label="Unassigned" value={o.totals.unassigned} to={queueLink({ view: 'unassigned' })} />
          <Stat label="Mine" value={o.totals.mine} to={queueLink({ view: 'mine' })} />
          <Stat label="Waiting on customer" value={o.totals.waiting} to={queueLink({ view: 'waiting' })} />
          <Stat label="Past due" value={o.totals.breaching} to={queueLink({ view: 'breaching' })} alert />
          <Card withBorder padding="sm">
            <Text size="sm" c="dimmed">
              Held inbound mail
            </Text>
            <Anchor component={Link} to="/staff/inbound" fz={28} fw={700}>
              {o.heldInboundMail.toLocaleString()}
              {o.heldInboundMailCapped ? '+' : ''}
            </Anchor>
          </Card>
        </SimpleGrid>
        {o.oldestWaiting && (
          <Card withBorder padding="sm" mt="sm">
            <Group gap="xs">
              <Text size="sm">Waiting longest for an answer:</Text>
              <Anchor component={Link} to={`/staff/tickets/${o.oldestWaiting.number}`} fw={600}>
                #{o.oldestWaiting.number} {o.oldestWaiting.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                since <Time value={o.oldestWaiting.waitingSince} />
              </Text>
            </Group>
          </Card>
        )}
      </section>
      <section aria-labelledby="departments-title">
        <Title order={2} size="h4" id="departments-title" mb="xs">
          By department
        </Title>
        <Table withTableBorder striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Department</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Unassigned</Table.Th>
              <Table.Th ta="right">Mine</Table.Th>
              <Table.Th ta="right">Past due</Table.Th>
              <Table.Th visibleFrom="sm">Waiting longest</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.departments.map((d) => (
              <Table.Tr key={d.key}>
                <Table.Td>
                  <Anchor component={Link} to={queueLink({ department: d.key })}>
                    {d.name}
                  </Anchor>
                </Table.Td>
                {(['open', 'unassigned', 'mine', 'breaching'] as const).map((k) => (
                  <Table.Td key={k} ta="right">
                    <Anchor
                      component={Link}
                      to={queueLink({
                        department: d.key,
                        view: k === 'open' ? undefined : k,
                      })}
                      c={k === 'breaching' && d.counts[k] > 0 ? 'red.8' : undefined}
                      aria-label={`${d.name}: ${d.counts[k]} ${k === 'breaching' ? 'past due' : k}`}
                    >
                      {d.counts[k].toLocaleString()}
                    </Anchor>
                  </Table.Td>
                ))}
                <Table.Td visibleFrom="sm">
                  {d.oldestWaiting ? (
                    <Anchor component={Link} to={`/staff/tickets/${d.oldestWaiting.number}`} size="sm">
                      #{d.oldestWaiting.number}, <Time value={d.oldestWaiting.waitingSince} />
                    </Anchor>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="per-day-title">
          <Title order={2} size="h4" id="per-day-title">
            Created and solved, last 30 days
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Days in {o.timeZone}. Solved: set to Solved or Closed.
          </Text>
          <Box
            component="figure"
            m={0}
            aria-label="Tickets created and solved per day (the table below has the figures)"
          >
            <BarChart
              h={220}
              data={perDay}
              dataKey="label"
              series={[
                { name: 'created', label: 'Created', color: 'blue.8' },
                { name: 'solved', label: 'Solved', color: 'teal.8' },
              ]}
              withLegend
              tickLine="y"
            />
          </Box>
          <VisuallyHidden>
            <table>
              <caption>Tickets created and solved per day</caption>
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Created</th>
                  <th>Solved</th>
                </tr>
              </thead>
              <tbody>
                {o.perDay.map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td>{d.created}</td>
                    <td>{d.solved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VisuallyHidden>
        </Card>
        <Card withBorder component="section" aria-labelledby="csat-title">
          <Title order={2} size="h4" id="csat-title">
            Customer ratings, last 12 weeks
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {rated
              ? `${rated.toLocaleString()} ${rated === 1 ? 'rating' : 'ratings'}; average 1–5 per week (T-13).`
              : 'No ratings in these weeks yet.'}
          </Text>
          <Box component="figure" m={0} aria-label="Average rating per week (the table below has the figures)">
            <LineChart
              h={220}
              data={csat}
              dataKey="label"
              series={[{ name: 'average', label: 'Average rating', color: 'grape.8' }]}
              yAxisProps={{ domain: [1, 5] }}
              connectNulls
              tickLine="y"
            />
          </Box>
          <VisuallyHidden>
            <table>
              <caption>Average rating and share of good ratings (4 or 5) per week</caption>
              <thead>
                <tr>
                  <th>Week of</th>
                  <th>Ratings</th>
                  <th>Average</th>
                  <th>Good</th>
                </tr>
              </thead>
              <tbody>
                {o.csat.map((w) => (
                  <tr key={w.week}>
                    <td>{w.week}</td>
                    <td>{w.rated}</td>
                    <td>{w.average ?? '—'}</td>
                    <td>{w.goodShare === null ? '—' : `${w.goodShare}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VisuallyHidden>
        </Card>
      </SimpleGrid>
    </>
  );
}
