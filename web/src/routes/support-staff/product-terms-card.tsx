import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ProductTerms, saveProductTerms, supportKeys } from '../../api/support';
import { ErrorAlert } from '../../components/error-alert';
import { useIsPhone } from '../../components/responsive';
import { useFormErrors } from '../../components/use-field-errors';
import { planColors, planLabels } from '../support/plan-labels';

const termsText = (p: ProductTerms) =>
  p.plan === 'period' ? `${p.periodDays} days free` : p.plan === 'vip' ? 'VIP care' : 'Credits';

/** S-1, S-3, S-4: what a license of each product comes with: credits, a free period, or VIP care. */
export function ProductTermsCard({ products }: { products: ProductTerms[] }) {
  const phone = useIsPhone();
  const [editing, setEditing] = useState<ProductTerms | null>(null);
  const shown = products.filter((p) => p.kind !== 'free');
  const edit = (p: ProductTerms) => (
    <Button size="xs" variant="light" onClick={() => setEditing(p)} aria-label={`Edit the terms of ${p.name}`}>
      Edit
    </Button>
  );
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          Product terms
        </Title>
        <Text size="sm" c="dimmed">
          A product without terms comes with credits. A storefront module brings the additional storefront credits.
        </Text>
        {phone ? (
          <Stack gap="sm">
            {shown.map((p) => (
              <Card key={p.productId} withBorder data-testid="product-terms">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600}>{p.name}</Text>
                    <Text size="sm" c="dimmed">
                      {p.brand} · {p.kind === 'main' ? 'Product' : 'Module'}
                    </Text>
                  </div>
                  <Badge color={planColors[p.plan]}>{termsText(p)}</Badge>
                </Group>
                {p.storefront && <Text size="sm">Storefront</Text>}
                <Group mt="xs">{edit(p)}</Group>
              </Card>
            ))}
          </Stack>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Brand</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Support</Table.Th>
                <Table.Th>Storefront</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p) => (
                <Table.Tr key={p.productId} data-testid="product-terms">
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.brand}</Table.Td>
                  <Table.Td>{p.kind === 'main' ? 'Product' : 'Module'}</Table.Td>
                  <Table.Td>
                    <Badge color={planColors[p.plan]}>{termsText(p)}</Badge>
                  </Table.Td>
                  <Table.Td>{p.storefront ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>{edit(p)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {editing && <TermsModal product={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

function TermsModal({ product, onClose }: { product: ProductTerms; onClose: () => void }) {
  const qc = useQueryClient();
  const [plan, setPlan] = useState(product.plan);
  const [days, setDays] = useState<number | string>(product.periodDays ?? '');
  const [storefront, setStorefront] = useState(product.storefront);
  const save = useMutation({
    mutationFn: () =>
      saveProductTerms(product.productId, {
        plan,
        periodDays: plan === 'period' ? (typeof days === 'number' ? days : Number.NaN) : null,
        storefront,
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: supportKeys.settings });
      notifications.show({ message: `The terms of ${product.name} were saved.` });
      onClose();
    },
  });
  const errors = useFormErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.validate({ periodDays: plan === 'period' && days === '' && 'Enter the days of free support.' }))
      save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={`Support terms of ${product.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert
            error={errors.hasClientErrors ? null : save.error}
            fields={['plan', 'periodDays', 'storefront']}
          />
          <Select
            label="A license comes with"
            allowDeselect={false}
            value={plan}
            onChange={(v) => v && setPlan(v as ProductTerms['plan'])}
            data={(['credit', 'period', 'vip'] as const).map((k) => ({ value: k, label: planLabels[k] }))}
            error={errors.errorFor('plan')}
          />
          {plan === 'period' && (
            <NumberInput
              label="Days of free support"
              allowDecimal={false}
              allowNegative={false}
              value={days}
              onChange={(v) => {
                errors.touch('periodDays');
                setDays(v);
              }}
              error={errors.errorFor('periodDays')}
            />
          )}
          <Checkbox
            label="An additional storefront (brings the storefront credits)"
            checked={storefront}
            onChange={(e) => setStorefront(e.currentTarget.checked)}
          />
          <Button type="submit" loading={save.isPending} w="fit-content">
            Save
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
