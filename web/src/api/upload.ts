/**
 * Sending a multipart form with upload progress (fetch cannot report it; XMLHttpRequest can). Used
 * by My files (one request per file) and by ticket messages (the text fields first, then the
 * attachments, so the server refuses bad fields before it accepts a byte of a file).
 */
import { apiError, parseJson, unreachable, writeHeaders } from './client';

/** Bytes sent so far of the whole request. */
export type OnUploadProgress = (loaded: number, total: number) => void;

export function sendForm<T>(
  method: 'POST' | 'PUT',
  url: string,
  form: FormData,
  options: { idempotencyKey?: string; onProgress?: OnUploadProgress } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `/api/v1${url}`);
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/json');
    if (options.idempotencyKey) xhr.setRequestHeader('idempotency-key', options.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      reject(apiError(xhr.status, xhr.statusText || 'Upload failed', body));
    };
    xhr.onerror = () => reject(unreachable());
    xhr.send(form);
  });
}

/**
 * Per-file percentages of one multipart request whose files follow the text fields in this order:
 * the bytes before the files (fields and part headers) are counted first, then each file in turn.
 */
export function perFilePercents(sizes: number[], loaded: number, total: number): number[] {
  const overhead = Math.max(0, total - sizes.reduce((a, b) => a + b, 0));
  let before = overhead;
  return sizes.map((size) => {
    const done = size === 0 ? (loaded >= before ? 1 : 0) : (loaded - before) / size;
    before += size;
    return Math.round(Math.min(1, Math.max(0, done)) * 100);
  });
}
