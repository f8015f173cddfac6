import { PageTitle } from '../../components/page-title';
import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { roleLabels } from '../../labels';
import { useSectionsOf } from '../../sections';

export function StaffHomePage({ me }: { me: Me }) {
  const sections = useSectionsOf(me.sections, 'staff-home');
  return (
    <Stack>
      <PageTitle>Overview</PageTitle>
      <Card withBorder>
        <Text fw={600}>Signed in as {me.name}</Text>
        <Text c="dimmed">Role: {roleLabels[me.role] ?? me.role}</Text>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {sections.map((s) => (
          <Card key={s.path} withBorder>
            <Anchor component={Link} to={s.path} fw={600}>
              {s.label}
            </Anchor>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
