import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCreditHistory, useSupportOverview } from '../../api/support';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { CreditLedger } from './credit-ledger';
import { LicensePlans } from './license-plans';
import { planColors } from './plan-labels';
import { SupportHoursCard } from './support-hours-card';

/**
 * The customer's Support section (S-1…S-5): the credit balance and how to get more, each license's
 * plan, what each plan covers, the support hours on the customer's clock, and the credit history.
 */
export function SupportPage() {
  const overview = useSupportOverview();
  const history = useCreditHistory();
  const o = overview.data;
  return (
    <Stack>
      <PageTitle>Support</PageTitle>
      <ErrorAlert error={overview.error ?? history.error} />
      {o && (
        <>
          <Paper withBorder p="md">
            <Group gap="sm">
              <IconCoins size={28} aria-hidden />
              <div>
                <Text size="sm" c="dimmed">
                  Support credits
                </Text>
                <Text fw={700} fz="xl" data-testid="credit-balance">
                  {o.balance}
                </Text>
              </div>
            </Group>
            {o.buyCredits && (
              <Alert color="yellow" mt="sm" title="Running low on credits">
                {o.buyCredits.message}{' '}
                <Anchor component={Link} to={o.buyCredits.href} underline="always">
                  {o.buyCredits.linkLabel}
                </Anchor>
              </Alert>
            )}
          </Paper>
          <Stack gap="xs">
            <Title order={2} size="h4">
              Your licenses’ plans
            </Title>
            <LicensePlans licenses={o.licenses} />
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {o.coverage.map((c) => (
              <Paper key={c.plan} withBorder p="md">
                <Badge color={planColors[c.plan]} mb="xs">
                  {c.title}
                </Badge>
                <List size="sm" spacing={4}>
                  {c.covers.map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
                {c.creditBased.length > 0 && (
                  <>
                    <Text size="sm" fw={600} mt="sm">
                      {c.plan === 'credit' ? 'Note' : 'Charged in credits'}
                    </Text>
                    <List size="sm" spacing={4}>
                      {c.creditBased.map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Paper>
            ))}
          </SimpleGrid>
          <SupportHoursCard hours={o.supportHours} />
        </>
      )}
      <Stack gap="xs">
        <Title order={2} size="h4">
          Credit history
        </Title>
        {history.data && (
          <CreditLedger
            entries={history.data.pages.flatMap((p) => p.items)}
            ticketPath={(n) => `/tickets/${n}`}
            hasMore={history.hasNextPage}
            loadingMore={history.isFetchingNextPage}
            onMore={() => history.fetchNextPage()}
          />
        )}
      </Stack>
    </Stack>
  );
}
