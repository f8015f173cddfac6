import { PageTitle } from '../../components/page-title';
import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { cancelUrlChange, changeLicenseUrl, type License, licenseKeys, useLicense } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';
import { NotFound } from '../../components/not-found';
import { required, useFormErrors } from '../../components/use-field-errors';
import { OwnerOnly } from '../../components/owner-only';

const costText: Record<License['nextDomainChange'], string> = {
  free: 'Moving to another domain is free until the installation is registered.',
  'free-once': 'One change to another domain is free after registration; later ones need a license renewal fee.',
  fee: 'The free domain change is used: moving to another domain needs a license renewal fee.',
};

/** L-5: change the license URL (folder, third-level domain, or domain with the 48-hour acknowledgement). */
export function ChangeUrlPage() {
  const { key = '' } = useParams();
  const qc = useQueryClient();
  const license = useLicense(key);
  const [url, setUrl] = useState('');
  const [ack, setAck] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const done = () => {
    qc.invalidateQueries({ queryKey: licenseKeys.all });
    qc.invalidateQueries({ queryKey: licenseKeys.license(key) });
  };
  const change = useMutation({
    mutationFn: () => changeLicenseUrl(key, { url, acknowledgeRemoval: ack }),
    onSuccess: (r) => {
      done();
      setResult(
        r.state === 'fee_due'
          ? 'The change waits for the license renewal fee. It happens when the fee is settled.'
          : `The URL is changed (${r.change === 'domain' ? 'new domain' : r.change === 'subdomain' ? 'third-level domain' : r.change === 'folder' ? 'new folder' : 'first address'}).`,
      );
      setUrl('');
      setAck(false);
    },
  });
  const cancel = useMutation({
    mutationFn: () => cancelUrlChange(key),
    onSuccess: () => {
      done();
      notifications.show({ message: 'The waiting change is withdrawn.' });
    },
  });
  const errors = useFormErrors(change.error);
  const l = license.data;
  if (license.error instanceof ApiError && license.error.status === 404)
    return <NotFound what={`The license ${key}`} />;
  return (
    <Stack maw={640}>
      <Anchor component={Link} to="/licenses" size="sm">
        ← My licenses
      </Anchor>
      <PageTitle>Change license URL</PageTitle>
      <ErrorAlert error={license.error} />
      <OwnerOnly permission="licenses.manage" action="change the URL of a license">
        {l && (
          <>
            <Text>
              License <b>{l.key}</b> — current URL: <b data-testid="current-url">{l.url || 'not set'}</b>
            </Text>
            <Text size="sm" c="dimmed">
              Moving the store to another folder or third-level domain (shop.example.com → store.example.com) is free
              and unlimited. {costText[l.nextDomainChange]}
            </Text>
            {l.pendingUrlChange && (
              <Alert color="orange" title="A change waits for its fee">
                <Group justify="space-between">
                  <Text size="sm">New URL: {l.pendingUrlChange.toUrl}</Text>
                  <Button size="xs" variant="default" onClick={() => cancel.mutate()} loading={cancel.isPending}>
                    Withdraw the change
                  </Button>
                </Group>
              </Alert>
            )}
            {result && (
              <Alert color={result.startsWith('The change waits') ? 'orange' : 'green'} role="status">
                {result}
              </Alert>
            )}
            {!l.pendingUrlChange && (
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  setResult(null);
                  if (errors.validate({ url: required(url, 'Enter the new URL of the store.') })) change.mutate();
                }}
              >
                <Stack>
                  <ErrorAlert
                    error={errors.hasClientErrors ? cancel.error : (change.error ?? cancel.error)}
                    fields={['url', 'acknowledgeRemoval']}
                  />
                  <TextInput
                    label="New URL"
                    placeholder="https://shop.example.com/store"
                    value={url}
                    onChange={(e) => {
                      errors.touch('url');
                      setUrl(e.currentTarget.value);
                    }}
                    error={errors.errorFor('url')}
                    required
                  />
                  <Checkbox
                    label={`I understand that I have to remove the software from ${l.url || 'the old URL'} within 48 hours after the license is reissued (needed for a change of domain)`}
                    checked={ack}
                    onChange={(e) => {
                      errors.touch('acknowledgeRemoval');
                      setAck(e.currentTarget.checked);
                    }}
                    error={errors.errorFor('acknowledgeRemoval')}
                  />
                  <Group>
                    <Button type="submit" loading={change.isPending}>
                      Change URL
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
            <Text size="sm" c="dimmed">
              Every change is written to the license history.
            </Text>
          </>
        )}
      </OwnerOnly>
    </Stack>
  );
}
