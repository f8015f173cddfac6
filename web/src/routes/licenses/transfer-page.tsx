import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Anchor, Button, Divider, Group, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldError } from '../../api/client';
import {
  type License,
  licenseKeys,
  requestTransfer,
  transferModule,
  useLicense,
  useOwnLicenses,
} from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { emailCheck, required, useFormErrors } from '../../components/use-field-errors';
import { OwnerOnly } from '../../components/owner-only';

/** L-7 transfer a license to an existing or a new customer; L-8 move one of its modules. */
export function TransferPage() {
  const { key = '' } = useParams();
  const license = useLicense(key);
  if (license.error instanceof ApiError && license.error.status === 404)
    return <NotFound what={`The license ${key}`} />;
  return (
    <Stack maw={680}>
      <Anchor component={Link} to="/licenses" size="sm">
        ← My licenses
      </Anchor>
      <PageTitle>{`Transfer ${key}`}</PageTitle>
      <ErrorAlert error={license.error} />
      <OwnerOnly permission="licenses.manage" action="transfer a license or move its modules">
        {license.data && (
          <>
            {license.data.openTransfer ? (
              <Text data-testid="transfer-open">
                A transfer of this license to {license.data.openTransfer.toEmail} is already requested. Cancel it at the
                top of My licenses before asking for another.
              </Text>
            ) : (
              <LicenseTransferForm license={license.data} />
            )}
            {license.data.products.some((p) => p.kind === 'module') && (
              <>
                <Divider my="md" />
                <ModuleTransferForm license={license.data} />
              </>
            )}
          </>
        )}
      </OwnerOnly>
    </Stack>
  );
}

function LicenseTransferForm({ license }: { license: License }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [to, setTo] = useState<'existing' | 'new'>('existing');
  const [email, setEmail] = useState('');
  const [company, setCompany] = useState({ name: '', address: '', phone: '' });
  const [account, setAccount] = useState({ name: '', email: '', phone: '' });
  const send = useCreateMutation({
    mutationFn: (_: void, key) =>
      requestTransfer(license.key, to === 'existing' ? { to, email } : { to, company, account }, key),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      qc.invalidateQueries({ queryKey: licenseKeys.transfers });
      notifications.show({
        message:
          to === 'existing'
            ? 'Transfer requested: the receiving owner accepts it in their My licenses.'
            : 'Transfer requested: our staff approve it and invite the new owner.',
      });
      navigate('/licenses');
    },
  });
  const errors = useFormErrors(send.error);
  const typed = (field: string, apply: (value: string) => void) => (e: { currentTarget: { value: string } }) => {
    errors.touch(field);
    apply(e.currentTarget.value);
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const ok = errors.validate(
          to === 'existing'
            ? { email: emailCheck(email, "Enter the e-mail address of the other company's primary contact.") }
            : {
                'company.name': required(company.name, 'Enter the company name.'),
                'account.name': required(account.name, 'Enter the name of the new holder.'),
                'account.email': emailCheck(account.email),
              },
        );
        if (ok) send.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          The license, its modules, subscriptions and support plan move to the other company when they accept. Both
          histories record it.
        </Text>
        {license.openTransfer && (
          <Text c="orange">A transfer to {license.openTransfer.toEmail} is already requested.</Text>
        )}
        <ErrorAlert
          error={errors.hasClientErrors ? null : send.error}
          fields={['email', 'company.name', 'account.name', 'account.email']}
        />
        <Radio.Group
          label="Transfer to"
          value={to}
          onChange={(v) => {
            send.reset();
            setTo(v as 'existing' | 'new');
          }}
        >
          <Group mt="xs">
            <Radio value="existing" label="Existing customer" />
            <Radio value="new" label="New customer" />
          </Group>
        </Radio.Group>
        {to === 'existing' ? (
          <TextInput
            label="Primary contact person e-mail"
            type="email"
            required
            value={email}
            onChange={typed('email', setEmail)}
            error={errors.errorFor('email')}
          />
        ) : (
          <>
            <Text fw={500}>Company information</Text>
            <TextInput
              label="Company name"
              required
              value={company.name}
              onChange={typed('company.name', (name) => setCompany({ ...company, name }))}
              error={errors.errorFor('company.name')}
            />
            <TextInput
              label="Address"
              value={company.address}
              onChange={(e) => setCompany({ ...company, address: e.currentTarget.value })}
            />
            <TextInput
              label="Company phone"
              value={company.phone}
              onChange={(e) => setCompany({ ...company, phone: e.currentTarget.value })}
            />
            <Text fw={500}>Account information of the new holder</Text>
            <TextInput
              label="Name"
              required
              value={account.name}
              onChange={typed('account.name', (name) => setAccount({ ...account, name }))}
              error={errors.errorFor('account.name')}
            />
            <TextInput
              label="E-mail"
              type="email"
              required
              value={account.email}
              onChange={typed('account.email', (email) => setAccount({ ...account, email }))}
              error={errors.errorFor('account.email')}
            />
            <TextInput
              label="Phone"
              value={account.phone}
              onChange={(e) => setAccount({ ...account, phone: e.currentTarget.value })}
            />
          </>
        )}
        <Group>
          <Button type="submit" loading={send.isPending}>
            Request license transfer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const another = '__another__';

function ModuleTransferForm({ license }: { license: License }) {
  const qc = useQueryClient();
  const modules = license.products.filter((p) => p.kind === 'module');
  const [productId, setProductId] = useState<string | null>(modules[0]?.productId ?? null);
  const [target, setTarget] = useState<string | null>(null);
  const [otherKey, setOtherKey] = useState('');
  const own = useOwnLicenses();
  const targets = (own.data?.items ?? []).filter((l) => l.key !== license.key && l.productId === license.productId);
  const move = useMutation({
    mutationFn: () =>
      transferModule(license.key, {
        productId: productId ?? '',
        targetKey: (target === another ? otherKey : target) ?? '',
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      qc.invalidateQueries({ queryKey: licenseKeys.license(license.key) });
      notifications.show({ message: 'The module is moved.' });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        move.mutate();
      }}
    >
      <Stack>
        <Title order={3}>Transfer a module license</Title>
        <Text size="sm" c="dimmed">
          Move one module to another license of the same product, yours or another company's. The module's version must
          match the target license's version.
        </Text>
        <ErrorAlert error={move.error} fields={['productId', 'targetKey']} />
        <Select
          label="Module"
          data={modules.map((m) => ({ value: m.productId, label: `${m.name} ${m.version}` }))}
          value={productId}
          onChange={setProductId}
          allowDeselect={false}
          error={fieldError(move.error, 'productId')}
        />
        <Select
          label="License key"
          placeholder="Choose the target license"
          data={[
            ...targets.map((l) => ({ value: l.key, label: `${l.key} ${l.url}` })),
            { value: another, label: "Another company's license" },
          ]}
          value={target}
          onChange={setTarget}
          error={target !== another ? fieldError(move.error, 'targetKey') : undefined}
        />
        {target === another && (
          <TextInput
            label="Target license key"
            value={otherKey}
            onChange={(e) => setOtherKey(e.currentTarget.value)}
            error={fieldError(move.error, 'targetKey')}
          />
        )}
        <Group>
          <Button type="submit" loading={move.isPending} disabled={!productId || !target}>
            Transfer module
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
