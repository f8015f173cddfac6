import { AppError } from '../errors.js';

/**
 * F-6: the name a file is shown and downloaded under. A name that carries a path (a slash, a
 * backslash or a `..` segment) is refused, not silently cut, so the uploader learns it; control
 * characters go, the length is capped keeping the extension. Files are never stored under it.
 */
export function sanitizeFileName(raw: string, field = 'file'): string {
  const name = raw.normalize('NFC');
  if (/[/\\]/.test(name) || name.split(/[/\\]/).some((part) => part === '..') || name === '..' || name === '.') {
    throw new AppError('validation-failed', 'A file name must not contain a path.', [
      { field, message: 'The name contains a path (/, \\ or ..).' },
    ]);
  }
  // Bidirectional controls go too: "\u202Egnp.html" would show as "lmth.png" (an extension spoof).
  let clean = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (!clean)
    throw new AppError('validation-failed', 'The file has no usable name.', [{ field, message: 'Empty file name.' }]);
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean;
}

/** Image types that may be shown inline; everything else (SVG and HTML included) is an attachment. */
const inlineImages = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const imageExtensions = /\.(png|jpe?g|gif|webp)$/i;

/** Inline only for an allow-listed image type whose name also ends as an image (F-6). */
export function isInlineSafe(mediaType: string, fileName?: string): boolean {
  if (fileName !== undefined && !imageExtensions.test(fileName)) return false;
  return inlineImages.has(mediaType.toLowerCase().split(';')[0]?.trim() ?? '');
}

/** The allow-listed image type the content starts like (magic numbers), or null. */
export function sniffImageType(head: Buffer | undefined): string | null {
  if (!head) return null;
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a')
    return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * The media type a received file is kept under: the declared one, except that the inline image
 * types are believed only when the content is that image (a page declared as image/png is kept as
 * opaque bytes), and a real image is kept as what it is.
 */
export function receivedMediaType(declared: string, head: Buffer | undefined): string {
  const sniffed = sniffImageType(head);
  if (sniffed) return sniffed;
  return inlineImages.has(declared) ? 'application/octet-stream' : declared;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * F-3: the byte range of a `Range: bytes=…` header for a file of `size` bytes. Null means "send it
 * all" (no header, another unit, or several ranges, which we answer whole); 'unsatisfiable' is a 416.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  // A last byte before the first is not a valid range: the header is ignored (RFC 9110 §14.2).
  if (b !== '' && Number(b) < start) return null;
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
