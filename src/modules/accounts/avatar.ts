// sharp is loaded on first use: start-up does not pay for it (issue 10.12).
const loadSharp = async () => (await import('sharp')).default;
import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';

export const avatarMaxBytes = 5 * 1024 * 1024;
const accepted = new Set(['jpeg', 'png', 'webp', 'gif']);

/**
 * stores a new avatar. The upload is decoded and re-encoded server-side (256×256 WebP), so
 * whatever else the file carried (scripts in SVG, EXIF location, polyglots) never reaches anyone.
 */
export async function setAvatar(ctx: AppContext, actor: ProfileActor, upload: Buffer): Promise<void> {
  let image: Buffer;
  const sharp = await loadSharp();
  try {
    const meta = await sharp(upload, { limitInputPixels: 40_000_000 }).metadata();
    if (!meta.format || !accepted.has(meta.format)) throw new Error('format');
    image = await sharp(upload, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(256, 256, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError('unsupported-media-type', 'The picture must be a PNG, JPEG, WebP or GIF image.', [
      { field: 'file', message: 'Not a PNG, JPEG, WebP or GIF image.' },
    ]);
  }
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('profile_avatars')
      .values({ profile_id: actor.id, content: image, media_type: 'image/webp', updated_at: now })
      .onConflict((oc) =>
        oc.column('profile_id').doUpdateSet({ content: image, media_type: 'image/webp', updated_at: now }),
      )
      .execute();
    await recordAudit(trx, { actor, action: 'profile.avatar-set', entity: 'profile', entityId: actor.id, at: now });
  });
}

export async function deleteAvatar(ctx: AppContext, actor: ProfileActor): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const removed = await trx
      .deleteFrom('profile_avatars')
      .where('profile_id', '=', actor.id)
      .returning('profile_id')
      .executeTakeFirst();
    if (removed)
      await recordAudit(trx, {
        actor,
        action: 'profile.avatar-removed',
        entity: 'profile',
        entityId: actor.id,
        at: now,
      });
  });
}
