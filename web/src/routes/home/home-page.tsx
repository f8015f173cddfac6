import { PageTitle } from '../../components/page-title';
import { Anchor, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { roleLabels } from '../../labels';
import { useSectionsOf } from '../../sections';

export function HomePage({ me }: { me: Me }) {
  const sections = useSectionsOf(me.sections, 'home');
  return (
    <Stack>
      <PageTitle>Home</PageTitle>
      <Card withBorder>
        <Text size="lg" fw={600}>
          Welcome, {me.name}
        </Text>
        <Text c="dimmed">
          {me.company?.name} · {roleLabels[me.role] ?? me.role}
        </Text>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {sections.map((s) => (
          <Card key={s.path} withBorder>
            <Group justify="space-between">
              <Anchor component={Link} to={s.path} fw={600}>
                {s.label}
              </Anchor>
            </Group>
          </Card>
        ))}
        <Card withBorder>
          <Anchor component={Link} to="/me" fw={600}>
            My profile
          </Anchor>
        </Card>
        <Card withBorder>
          <Anchor component={Link} to="/company" fw={600}>
            Company
          </Anchor>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
