import { PageTitle } from '../../components/page-title';
import { Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import {
  IconCertificate,
  IconCircleCheck,
  IconMessageCircle,
  IconMessageReply,
  IconRocket,
  IconShieldLock,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { type HomeSummary, useHomeSummary } from '../../api/home';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate } from '../../format';
import { roleLabels } from '../../labels';

/**
 * The customer home page (issue 11): what needs the customer, at a glance. Each number links to the
 * list it counts, filtered so (`/tickets?view=awaiting`, `/licenses?needs=action`); a part the role
 * may not act on is not shown (the server leaves it out, A-2).
 */
export function HomePage({ me }: { me: Me }) {
  const summary = useHomeSummary();
  const s = summary.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <PageTitle>Home</PageTitle>
          <Text c="dimmed">
            Welcome, {me.name} · {me.company?.name} · {roleLabels[me.role] ?? me.role}
          </Text>
        </Stack>
        {can(me, 'tickets.use') && (
          <Button component={Link} to="/tickets/new">
            New ticket
          </Button>
        )}
      </Group>
      <ErrorAlert error={summary.error} />
      {summary.isPending && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={118} radius="md" />
          ))}
        </SimpleGrid>
      )}
      {s && <Numbers summary={s} />}
    </Stack>
  );
}

function Numbers({ summary: s }: { summary: HomeSummary }) {
  return (
    <Stack>
      {s.tickets && (
        <Section title="Support tickets">
          <Stat
            to="/tickets?view=awaiting"
            value={s.tickets.awaiting}
            label="Awaiting your reply"
            hint="Support answered; your turn."
            icon={<IconMessageReply size={20} />}
            attention={s.tickets.awaiting > 0}
          />
          <Stat
            to="/tickets?view=open"
            value={s.tickets.open}
            label="Open tickets"
            hint="Not closed yet."
            icon={<IconMessageCircle size={20} />}
          />
          <Stat
            to="/tickets?view=solved"
            value={s.tickets.solved}
            label="Solved, closing soon"
            hint="They close by themselves unless you reply."
            icon={<IconCircleCheck size={20} />}
          />
        </Section>
      )}
      {(s.licenses || s.updates) && (
        <Section title="Licenses and downloads">
          {s.licenses && (
            <Stat
              to="/licenses?needs=action"
              value={s.licenses.total + s.licenses.transfersIn}
              label="Licenses needing your action"
              hint={licenseHint(s.licenses)}
              icon={<IconCertificate size={20} />}
              attention={s.licenses.total + s.licenses.transfersIn > 0}
            />
          )}
          {s.updates && (
            <Stat
              to="/files"
              value={s.updates.newReleases}
              label="New releases"
              hint={
                s.updates.latest[0]
                  ? `Newest: ${s.updates.latest[0].product} ${s.updates.latest[0].version}, ${calendarDay(s.updates.latest[0].releasedOn)}.`
                  : `Newer than your versions, since ${calendarDay(s.updates.since)}.`
              }
              icon={<IconRocket size={20} />}
            />
          )}
          {s.updates && (
            <Stat
              to="/files"
              value={s.updates.securityPatches}
              label="Security patches"
              hint={`For your products, since ${calendarDay(s.updates.since)}.`}
              icon={<IconShieldLock size={20} />}
              attention={s.updates.securityPatches > 0}
            />
          )}
        </Section>
      )}
    </Stack>
  );
}

/** A calendar day (YYYY-MM-DD) as the viewer writes dates: noon UTC falls on that day in nearly every zone. */
const calendarDay = (day: string) => formatDate(`${day}T12:00:00Z`);

function licenseHint(l: NonNullable<HomeSummary['licenses']>): string {
  const parts = [
    l.notAccepted && `${l.notAccepted} to accept`,
    l.feeDue && `${l.feeDue} with a fee due`,
    l.transfersOut && `${l.transfersOut} being transferred`,
    l.transfersIn && `${l.transfersIn} offered to you`,
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')}.` : 'Nothing waits for you.';
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Text component="h2" fw={600} size="lg" m={0}>
        {title}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>{children}</SimpleGrid>
    </Stack>
  );
}

/** One number that opens the list it counts. */
function Stat(props: { to: string; value: number; label: string; hint: string; icon: ReactNode; attention?: boolean }) {
  return (
    <UnstyledButton component={Link} to={props.to} aria-label={`${props.value} ${props.label}`}>
      <Card withBorder padding="md" radius="md" h="100%" data-testid="home-stat">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text fz={32} fw={700} lh={1.1} c={props.attention ? 'orange.9' : undefined}>
              {props.value}
            </Text>
            <Text fw={600}>{props.label}</Text>
          </Stack>
          <ThemeIcon variant="light" size="lg" radius="md" color={props.attention ? 'orange' : undefined} aria-hidden>
            {props.icon}
          </ThemeIcon>
        </Group>
        <Text size="sm" c="dimmed" mt="xs">
          {props.hint}
        </Text>
      </Card>
    </UnstyledButton>
  );
}
