import { Badge, Group, Stack, Text } from '@mantine/core';
import { type Assessment, type AssessmentState, assessmentStateLabels } from '../../api/assessment';
import { Time } from '../../components/time';

const stateColors: Record<AssessmentState, string> = {
  pending: 'yellow',
  charged: 'blue',
  refunded: 'teal',
  covered: 'green',
  declined: 'red',
  superseded: 'gray',
};

/** What an assessment asked, in one line: "Category 5 · 4.3.1 → 4.3.9 · 50 credits". */
export function assessmentSummary(a: Assessment): string {
  const parts = [`Category ${a.category}`];
  if (a.fromVersion && a.toVersion) parts.push(`${a.fromVersion} → ${a.toVersion}`);
  parts.push(a.coveredBy ? 'free under VIP care' : `${a.credits} credits`);
  return parts.join(' · ');
}

/** S-2: a ticket's assessments, newest first, with their state and what they moved. */
export function AssessmentHistory({ items }: { items: Assessment[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={6} data-testid="assessment-history">
      {items.map((a) => (
        <Stack key={a.id} gap={0}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm">{assessmentSummary(a)}</Text>
            <Badge size="sm" variant="light" color={stateColors[a.state]}>
              {assessmentStateLabels[a.state]}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {a.categoryName}
            {a.charged > 0 && ` · ${a.charged} charged`}
            {a.charged < 0 && ` · ${-a.charged} refunded`} · {a.assessedBy}, <Time value={a.assessedAt} />
            {a.decidedBy && ` · ${a.decidedBy}`}
          </Text>
          {a.note && <Text size="xs">{a.note}</Text>}
        </Stack>
      ))}
    </Stack>
  );
}
