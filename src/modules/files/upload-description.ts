import { AppError } from '../../core/errors.js';
import type { Storage } from '../../core/storage/index.js';
import { discard, type ReceivedFile } from '../../core/storage/receive-uploads.js';

export const descriptionMaxLength = 2000;

/**
 * F-2: the description field of an upload, trimmed. Longer than the limit is refused per field (as
 * when it is edited), never cut silently, and the files already streamed are removed.
 */
export async function uploadDescription(
  storage: Storage,
  fields: Record<string, string>,
  files: ReceivedFile[],
): Promise<string> {
  const description = (fields.description ?? '').trim();
  if (description.length > descriptionMaxLength) {
    await discard(storage, files);
    throw new AppError('validation-failed', `The description can be at most ${descriptionMaxLength} characters.`, [
      { field: 'description', message: `At most ${descriptionMaxLength} characters.` },
    ]);
  }
  return description;
}
