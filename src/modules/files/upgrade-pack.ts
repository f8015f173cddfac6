import type { Readable } from 'node:stream';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import type { ProductFile } from './tables.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import {
  companyLicenseWithProduct,
  compareVersions,
  freeProductsOfBrand,
  licenseProductVersions,
} from '../licenses/index.js';
import { type UpgradeOptionsDto, type UpgradePackInput, upgradeFloor } from './schemas.js';

interface PackLicense {
  id: string;
  key: string;
  productId: string;
  productName: string;
  productSlug: string;
  version: string;
  modules: { productId: string; name: string; slug: string }[];
  freeModules: { productId: string; name: string; slug: string }[];
}

/** F-5: the caller's company's license by key, Active; another company's key does not exist (404). */
async function packLicense(db: DbOrTrx, actor: ProfileActor, key: string): Promise<PackLicense> {
  const l = await companyLicenseWithProduct(db, actor.companyId, key.toUpperCase());
  if (!l) throw notFound('This license');
  if (l.state !== 'active') {
    const why =
      l.state === 'pending'
        ? 'is Pending (the purchase is being verified)'
        : l.state === 'not_accepted'
          ? 'is Not accepted (the owner must accept the agreement first)'
          : 'is not active';
    throw new AppError('unprocessable', `Upgrade packs are only for Active licenses; this license ${why}.`, [
      { field: 'licenseKey', message: 'The license is not Active.' },
    ]);
  }
  const items = await licenseProductVersions(db, l.id);
  const free = await freeProductsOfBrand(db, l.brand_id);
  return {
    id: l.id,
    key: l.key,
    productId: l.product_id,
    productName: l.product_name,
    productSlug: l.product_slug,
    version: items.find((i) => i.productId === l.product_id)?.version ?? '',
    modules: items
      .filter((i) => i.productId !== l.product_id)
      .map(({ productId, name, slug }) => ({ productId, name, slug })),
    freeModules: free,
  };
}

const offered = (from: string) => compareVersions(from, upgradeFloor) >= 0;

/** F-5: what can go into an upgrade pack of a license: its modules, free modules, and the packs (4.1.0 and later). */
export async function upgradePackOptions(
  ctx: AppContext,
  actor: ProfileActor,
  licenseKey: string,
): Promise<UpgradeOptionsDto> {
  const l = await packLicense(ctx.db, actor, licenseKey);
  const steps = await upgradeSteps(ctx.db, l.productId);
  const latest = [...new Set(steps.map((st) => st.to))].sort(compareVersions).at(-1);
  const froms = [...new Set(steps.map((st) => st.from))].filter(offered);
  // Every version reachable from each starting version, through one stored step or a chain of them;
  // "from your version to the latest" first, then the rest of the license's version, then the others.
  const packs = froms
    .flatMap((from) =>
      [...reachable(steps, from)].map((to) => ({
        fromVersion: from,
        toVersion: to,
        fromLicenseVersion: from === l.version,
      })),
    )
    .sort(
      (a, b) =>
        Number(b.fromLicenseVersion) - Number(a.fromLicenseVersion) ||
        Number(b.toVersion === latest) - Number(a.toVersion === latest) ||
        compareVersions(b.fromVersion, a.fromVersion) ||
        compareVersions(b.toVersion, a.toVersion),
    );
  return {
    licenseKey: l.key,
    product: { productId: l.productId, name: l.productName },
    version: l.version,
    modules: l.modules.map(({ productId, name }) => ({ productId, name })),
    freeModules: l.freeModules.map(({ productId, name }) => ({ productId, name })),
    packs,
    formats: ['zip', 'tgz'],
  };
}

export interface UpgradePack {
  fileName: string;
  mediaType: string;
  stream: Readable;
}

/**
 * F-5: an archive of the upgrade files from → to of the license's main product and the chosen
 * modules and free modules, assembled while it is sent (each stored file is streamed into it; no
 * temporary copy). A module without an upgrade file for these versions is listed in MANIFEST.txt.
 */
export async function buildUpgradePack(
  ctx: AppContext,
  actor: ProfileActor,
  input: UpgradePackInput,
): Promise<UpgradePack> {
  const l = await packLicense(ctx.db, actor, input.licenseKey);
  const errors = [];
  if (!offered(input.fromVersion))
    errors.push({ field: 'fromVersion', message: `Upgrade packs are offered for versions ${upgradeFloor} and later.` });
  if (compareVersions(input.fromVersion, input.toVersion) >= 0)
    errors.push({
      field: 'toVersion',
      message: 'The version to upgrade to must be later than the version upgraded from.',
    });
  const moduleIds = [...new Set(input.moduleIds)];
  const freeIds = [...new Set(input.freeModuleIds)];
  moduleIds.forEach((id, i) => {
    if (!l.modules.some((m) => m.productId === id))
      errors.push({ field: `moduleIds.${i}`, message: 'This module is not on the license.' });
  });
  freeIds.forEach((id, i) => {
    if (!l.freeModules.some((m) => m.productId === id))
      errors.push({ field: `freeModuleIds.${i}`, message: 'No such free module of this product line.' });
  });
  if (errors.length) throw invalid(errors);

  const products = [
    { productId: l.productId, name: l.productName, slug: l.productSlug },
    ...l.modules.filter((m) => moduleIds.includes(m.productId)),
    ...l.freeModules.filter((m) => freeIds.includes(m.productId)),
  ];
  const chain = upgradePath(await upgradeSteps(ctx.db, l.productId), input.fromVersion, input.toVersion);
  if (!chain) {
    throw new AppError(
      'not-found',
      `There is no upgrade pack of ${l.productName} from ${input.fromVersion} to ${input.toVersion}.`,
      [{ field: 'toVersion', message: 'No such upgrade pack.' }],
    );
  }
  const stepFiles = await ctx.db
    .selectFrom('product_files')
    .selectAll()
    .where(
      'product_id',
      'in',
      products.map((p) => p.productId),
    )
    .where('kind', '=', 'upgrade')
    .where((eb) => eb.or(chain.map((st) => eb.and([eb('from_version', '=', st.from), eb('to_version', '=', st.to)]))))
    .orderBy('name')
    .execute();
  // One archive across the chain: step by step, a later step's file replaces an earlier one of the
  // same product and name (the newer content wins).
  const stepIndex = (f: ProductFile) => chain.findIndex((st) => st.from === f.from_version && st.to === f.to_version);
  const latestByName = new Map<string, ProductFile>();
  for (const f of [...stepFiles].sort((a, b) => stepIndex(a) - stepIndex(b)))
    latestByName.set(`${f.product_id}/${f.name}`, f);
  const files = [...latestByName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const f of files) {
    if ((await ctx.storage.size(f.storage_key)) === null)
      throw new AppError('not-found', `The content of ${f.name} is missing; please tell support.`);
  }

  // archiver is loaded on first use: start-up does not pay for it (issue 10.12).
  const { TarArchive, ZipArchive } = await import('archiver');
  const archive =
    input.format === 'zip'
      ? new ZipArchive({ zlib: { level: 6 } })
      : new TarArchive({ gzip: true, gzipOptions: { level: 6 } });
  const names = new Set<string>();
  const entryName = (slug: string, f: ProductFile) => {
    let name = `${slug}/${f.name}`;
    for (let i = 2; names.has(name); i++) name = `${slug}/${i}-${f.name}`;
    names.add(name);
    return name;
  };
  const manifest = [
    `Upgrade pack for license ${l.key}: ${l.productName} ${input.fromVersion} → ${input.toVersion}`,
    `Steps: ${chain.map((st) => `${st.from} → ${st.to}`).join(', ')}`,
    '',
  ];
  for (const p of products) {
    const own = files.filter((f) => f.product_id === p.productId);
    if (!own.length) manifest.push(`${p.name}: no upgrade files for these versions.`);
    for (const f of own) {
      const name = entryName(p.slug, f);
      manifest.push(`${name}  ${f.size} bytes  sha256 ${f.sha256}  (step ${f.from_version} → ${f.to_version})`);
      archive.append(ctx.storage.read(f.storage_key), { name, date: f.created_at });
    }
  }
  archive.append(`${manifest.join('\n')}\n`, { name: 'MANIFEST.txt', date: ctx.clock.now() });
  archive.finalize().catch((err) => ctx.log.warn({ err }, 'upgrade pack not finished'));
  await recordAudit(ctx.db, {
    actor,
    action: 'license.upgrade-pack',
    entity: 'license',
    entityId: l.id,
    after: {
      from: input.fromVersion,
      to: input.toVersion,
      modules: moduleIds,
      freeModules: freeIds,
      format: input.format,
    },
    at: ctx.clock.now(),
  });
  const base = `${l.productSlug}-upgrade-${input.fromVersion}-to-${input.toVersion}`;
  return input.format === 'zip'
    ? { fileName: `${base}.zip`, mediaType: 'application/zip', stream: archive }
    : { fileName: `${base}.tgz`, mediaType: 'application/gzip', stream: archive };
}

interface UpgradeStep {
  from: string;
  to: string;
}

/** The stored upgrade steps (from → to) of a product's main upgrade files. */
async function upgradeSteps(db: DbOrTrx, productId: string): Promise<UpgradeStep[]> {
  const rows = await db
    .selectFrom('product_files')
    .select(['from_version', 'to_version'])
    .distinct()
    .where('product_id', '=', productId)
    .where('kind', '=', 'upgrade')
    .execute();
  return rows.flatMap((r) =>
    r.from_version && r.to_version && compareVersions(r.from_version, r.to_version) < 0
      ? [{ from: r.from_version, to: r.to_version }]
      : [],
  );
}

/** The versions reachable from `from` through one or more steps (steps only go up). */
function reachable(steps: UpgradeStep[], from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    for (const st of steps) {
      if (st.from !== v || seen.has(st.to)) continue;
      seen.add(st.to);
      todo.push(st.to);
    }
  }
  return seen;
}

/** F-5: the fewest stored steps from → to (each as long as it can be), or null when none lead there. */
export function upgradePath(steps: UpgradeStep[], from: string, to: string): UpgradeStep[] | null {
  const previous = new Map<string, UpgradeStep>();
  const queue = [from];
  const seen = new Set([from]);
  for (let v = queue.shift(); v !== undefined; v = queue.shift()) {
    if (v === to) break;
    const next = steps
      .filter((st) => st.from === v && compareVersions(st.to, to) <= 0)
      .sort((a, b) => compareVersions(b.to, a.to));
    for (const st of next) {
      if (seen.has(st.to)) continue;
      seen.add(st.to);
      previous.set(st.to, st);
      queue.push(st.to);
    }
  }
  if (!previous.has(to)) return null;
  const path: UpgradeStep[] = [];
  for (let v = to; v !== from; ) {
    const st = previous.get(v) as UpgradeStep;
    path.unshift(st);
    v = st.from;
  }
  return path;
}
