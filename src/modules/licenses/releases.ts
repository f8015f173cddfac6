import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { AppError, invalid, isUniqueViolation, notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { compareVersions, versionMarks } from './version-marks.js';

const versionShape = /^\d+(\.\d+){0,3}([-.][0-9A-Za-z]+)*$/;

/** L-9: a product's releases, newest version first, each with its obsolete / out-of-guarantee marks. */
export async function listReleases(db: DbOrTrx, productId: string, now: Date) {
  const product = await db
    .selectFrom('products')
    .select(['id', 'name', 'kind'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) throw notFound('This product');
  const rows = await db
    .selectFrom('releases')
    .select(['id', 'version', 'branch', 'released_on', 'notes'])
    .where('product_id', '=', productId)
    .execute();
  const marks = new Map(
    versionMarks(
      rows.map((r) => ({ version: r.version, branch: r.branch, releasedOn: String(r.released_on).slice(0, 10) })),
      now.toISOString().slice(0, 10),
    ).map((m) => [m.version, m]),
  );
  const releases = rows
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((r) => {
      const m = marks.get(r.version);
      return {
        id: r.id,
        version: r.version,
        branch: r.branch,
        releasedOn: String(r.released_on).slice(0, 10),
        notes: r.notes,
        latest: !!m?.latest,
        obsolete: !!m?.obsolete,
        outOfGuarantee: !!m?.outOfGuarantee,
      };
    });
  return { productId: product.id, name: product.name, kind: product.kind, releases };
}

export interface ReleaseInput {
  version: string;
  branch: string;
  releasedOn: string;
  notes?: string;
}

function checkRelease(input: ReleaseInput) {
  const errors = [];
  if (!versionShape.test(input.version))
    errors.push({ field: 'version', message: 'A version looks like 4.7.2 (numbers separated by dots).' });
  if (!versionShape.test(input.branch)) errors.push({ field: 'branch', message: 'A branch looks like 4.7.' });
  else if (versionShape.test(input.version) && !`${input.version}.`.startsWith(`${input.branch}.`))
    errors.push({ field: 'branch', message: `Version ${input.version} does not belong to branch ${input.branch}.` });
  if (errors.length) throw invalid(errors);
}

/** L-9: staff (content) publish a release of a product: version, branch, release date. */
export async function createRelease(ctx: AppContext, actor: StaffActor, productId: string, input: ReleaseInput) {
  checkRelease(input);
  const now = ctx.clock.now();
  const product = await ctx.db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound('This product');
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const r = await trx
        .insertInto('releases')
        .values({
          product_id: productId,
          version: input.version,
          branch: input.branch,
          released_on: input.releasedOn,
          notes: input.notes ?? '',
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'release.created',
        entity: 'release',
        entityId: r.id,
        after: input,
        at: now,
      });
      return r;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('conflict', `Version ${input.version} of this product already exists.`, [
        { field: 'version', message: 'Already released.' },
      ]);
    throw e;
  }
}

export async function updateRelease(ctx: AppContext, actor: StaffActor, id: string, input: Partial<ReleaseInput>) {
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const before = await trx.selectFrom('releases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('This release');
      const next = {
        version: input.version ?? before.version,
        branch: input.branch ?? before.branch,
        releasedOn: input.releasedOn ?? String(before.released_on).slice(0, 10),
        notes: input.notes ?? before.notes,
      };
      checkRelease(next);
      const r = await trx
        .updateTable('releases')
        .set({ version: next.version, branch: next.branch, released_on: next.releasedOn, notes: next.notes })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'release.updated',
        entity: 'release',
        entityId: id,
        before: { version: before.version, branch: before.branch },
        after: next,
        at: now,
      });
      return r;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('conflict', 'This product already has that version.', [
        { field: 'version', message: 'Already released.' },
      ]);
    throw e;
  }
}

export async function deleteRelease(ctx: AppContext, actor: StaffActor, id: string) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('This release');
    await trx.deleteFrom('releases').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      action: 'release.deleted',
      entity: 'release',
      entityId: id,
      before: { version: before.version, branch: before.branch },
      at: now,
    });
  });
}
