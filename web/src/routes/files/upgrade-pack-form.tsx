import { Alert, Button, Card, Checkbox, Group, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadUpgradePack, useUpgradeOptions } from '../../api/files';
import { useLicensesForPacks } from '../../api/licenses';
import { ErrorAlert } from '../../components/error-alert';

/** F-5: pick a license, modules, free modules, an upgrade pack and an archive type; the archive downloads. */
export function UpgradePackForm() {
  const licenses = useLicensesForPacks();
  const active = (licenses.data?.items ?? []).filter((l) => l.state === 'active');
  // "Get upgrade pack" in My licenses (L-2) opens the file area with the license chosen.
  const [params] = useSearchParams();
  const [key, setKey] = useState<string | null>(params.get('upgradePack'));
  const options = useUpgradeOptions(key);
  const [modules, setModules] = useState<string[]>([]);
  const [freeModules, setFreeModules] = useState<string[]>([]);
  const [pack, setPack] = useState<string | null>(null);
  const [format, setFormat] = useState<'zip' | 'tgz'>('zip');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const o = options.data;
  // F-5: "from your version to the latest" is offered first and chosen until the person picks another.
  const first = o?.packs[0];
  const chosen = pack ?? (first?.fromLicenseVersion ? `${first.fromVersion}|${first.toVersion}` : null);

  const download = async () => {
    if (!key || !chosen) return;
    const [fromVersion = '', toVersion = ''] = chosen.split('|');
    setBusy(true);
    setError(null);
    try {
      await downloadUpgradePack({
        licenseKey: key,
        moduleIds: modules,
        freeModuleIds: freeModules,
        fromVersion,
        toVersion,
        format,
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Get upgrade pack</Title>
        <ErrorAlert error={licenses.error ?? options.error ?? error} />
        {licenses.isSuccess && active.length === 0 && (
          <Text size="sm" c="dimmed">
            Upgrade packs are for Active licenses; your company has none.
          </Text>
        )}
        <Select
          label="License"
          placeholder="Choose a license"
          data={active.map((l) => ({
            value: l.key,
            label: `${l.key} — ${l.products[0]?.name ?? ''} ${l.holderVersion || l.products[0]?.version || ''}${l.url ? ` (${l.url})` : ''}`,
          }))}
          value={key}
          onChange={(v) => {
            setKey(v);
            setModules([]);
            setFreeModules([]);
            setPack(null);
          }}
        />
        {o && (
          <>
            {o.modules.length > 0 && (
              <Checkbox.Group label="Modules" value={modules} onChange={setModules}>
                <Group mt={4}>
                  {o.modules.map((m) => (
                    <Checkbox key={m.productId} value={m.productId} label={m.name} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            {o.freeModules.length > 0 && (
              <Checkbox.Group label="Free modules" value={freeModules} onChange={setFreeModules}>
                <Group mt={4}>
                  {o.freeModules.map((m) => (
                    <Checkbox key={m.productId} value={m.productId} label={m.name} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            {o.packs.length === 0 ? (
              <Alert color="gray">
                There are no upgrade packs for {o.product.name} yet (they are offered from version 4.1.0 on).
              </Alert>
            ) : (
              <Select
                label="Upgrade pack"
                placeholder="From version → to version"
                data={o.packs.map((p) => ({
                  value: `${p.fromVersion}|${p.toVersion}`,
                  label: `${p.fromVersion} → ${p.toVersion}${p.fromLicenseVersion ? ' (from your version)' : ''}`,
                }))}
                value={chosen}
                onChange={setPack}
              />
            )}
            <Radio.Group label="Archive type" value={format} onChange={(v) => setFormat(v as 'zip' | 'tgz')}>
              <Group mt={4}>
                <Radio value="zip" label=".zip" />
                <Radio value="tgz" label=".tgz" />
              </Group>
            </Radio.Group>
            <Group>
              <Button onClick={download} disabled={!chosen} loading={busy}>
                Download upgrade pack
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
