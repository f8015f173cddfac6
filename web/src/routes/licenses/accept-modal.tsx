import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { acceptLicense, type License, licenseKeys, useAgreement } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';

/** L-3: the primary reads the license agreement and accepts it. */
export function AcceptModal({ license, onClose }: { license: License; onClose: () => void }) {
  const qc = useQueryClient();
  const [agree, setAgree] = useState(false);
  const agreement = useAgreement(license.key);
  const accept = useMutation({
    mutationFn: () => acceptLicense(license.key),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      notifications.show({ message: `License ${license.key} is accepted and active.` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`License agreement — ${license.key}`} size="lg">
      <Stack>
        <ErrorAlert error={agreement.error ?? accept.error} />
        <ScrollArea h={240} type="auto">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="agreement-text">
            {agreement.data?.text}
          </Text>
        </ScrollArea>
        <Checkbox
          label="I have read and accept the license agreement"
          checked={agree}
          onChange={(e) => setAgree(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!agree} loading={accept.isPending} onClick={() => accept.mutate()}>
            Accept the agreement
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
