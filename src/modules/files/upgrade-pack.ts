import type { Readable } from 'node:stream';
import { TarArchive, ZipArchive } from 'archiver';
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
  const pairs = await ctx.db
    .selectFrom('product_files')
    .select(['from_version', 'to_version'])
    .distinct()
    .where('product_id', '=', l.productId)
    .where('kind', '=', 'upgrade')
    .execute();
  const packs = pairs
    .flatMap((p) =>
      p.from_version && p.to_version && offered(p.from_version)
        ? [{ fromVersion: p.from_version, toVersion: p.to_version, fromLicenseVersion: p.from_version === l.version }]
        : [],
    )
    .sort((a, b) => compareVersions(b.fromVersion, a.fromVersion) || compareVersions(b.toVersion, a.toVersion));
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
  const files = await ctx.db
    .selectFrom('product_files')
    .selectAll()
    .where(
      'product_id',
      'in',
      products.map((p) => p.productId),
    )
    .where('kind', '=', 'upgrade')
    .where('from_version', '=', input.fromVersion)
    .where('to_version', '=', input.toVersion)
    .orderBy('name')
    .execute();
  if (!files.some((f) => f.product_id === l.productId)) {
    throw new AppError(
      'not-found',
      `There is no upgrade pack of ${l.productName} from ${input.fromVersion} to ${input.toVersion}.`,
      [{ field: 'toVersion', message: 'No such upgrade pack.' }],
    );
  }
  for (const f of files) {
    if ((await ctx.storage.size(f.storage_key)) === null)
      throw new AppError('not-found', `The content of ${f.name} is missing; please tell support.`);
  }

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
    '',
  ];
  for (const p of products) {
    const own = files.filter((f) => f.product_id === p.productId);
    if (!own.length) manifest.push(`${p.name}: no upgrade files for these versions.`);
    for (const f of own) {
      const name = entryName(p.slug, f);
      manifest.push(`${name}  ${f.size} bytes  sha256 ${f.sha256}`);
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
