import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Result } from '@playfield/shared';
import { newToken } from '../../security/tokens.ts';
import type { ImageStore, NewImage, StoredVariant } from './imageStore.ts';

/** Limits of uploaded images. */
export const IMAGE_LIMITS = {
  /** Largest upload, in bytes. */
  bytes: 5 * 1024 * 1024,
  /** Largest decoded image, in pixels (a small file can decode to a huge one). */
  pixels: 50_000_000,
  /** Width of the stored full-size image at most (the room screen), in px. */
  fullWidth: 2560,
  /** Width of the phones' variant at most, in px. */
  phoneWidth: 800,
} as const;

export type ImageFormat = 'png' | 'jpeg' | 'webp';

const MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/**
 * What a file's first bytes say it is: PNG, JPEG or WebP, 'svg' for SVG (refused: it can
 * carry scripts), or null for anything else. The name and the declared type are ignored.
 */
export function sniffImage(bytes: Buffer): ImageFormat | 'svg' | null {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  // Text that opens with markup (after a BOM and blanks): an SVG or XML/HTML pretending.
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 512)).replace(/^\uFEFF?\s*/, '');
  if (/^<(\?xml|svg|!doctype|!--)/i.test(head) || /<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

function variant(mime: string, data: Buffer): StoredVariant {
  return {
    mime,
    data,
    etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 32)}"`,
  };
}

function refuse(message: string, code: 'BAD_REQUEST' | 'TOO_LARGE' = 'BAD_REQUEST'): Result<never> {
  return { ok: false, error: { code, message } };
}

/** What an upload answers: the new image's id and size. */
export interface UploadedImage {
  id: string;
  width: number;
  height: number;
}

/**
 * Checks and stores uploaded images: the type from the bytes, the pixels decoded by
 * sharp (so a file that only starts like an image is refused), EXIF orientation applied
 * and metadata (camera, GPS) dropped, a full size for the screen and a phone variant.
 */
export class ImageService {
  constructor(
    private readonly store: ImageStore,
    private readonly now: () => number = Date.now,
  ) {}

  async upload(bytes: Buffer): Promise<Result<UploadedImage>> {
    if (bytes.length === 0) return refuse('The file is empty: choose a PNG, JPEG or WebP image');
    if (bytes.length > IMAGE_LIMITS.bytes)
      return refuse(
        'The image is larger than 5 MB: make it smaller and upload it again',
        'TOO_LARGE',
      );
    const format = sniffImage(bytes);
    if (format === 'svg')
      return refuse('SVG images are not accepted: upload a PNG, JPEG or WebP image');
    if (!format) return refuse('This file is not a PNG, JPEG or WebP image');
    let made: Omit<NewImage, 'id' | 'createdAt'>;
    try {
      const input = () =>
        sharp(bytes, { limitInputPixels: IMAGE_LIMITS.pixels, failOn: 'error' }).rotate();
      const meta = await sharp(bytes, { limitInputPixels: IMAGE_LIMITS.pixels }).metadata();
      if (meta.format !== format)
        return refuse('This file is not the image its first bytes say: upload it again');
      const full = await input()
        .resize({ width: IMAGE_LIMITS.fullWidth, withoutEnlargement: true })
        .toFormat(format, format === 'png' ? { compressionLevel: 9 } : { quality: 85 })
        .toBuffer({ resolveWithObject: true });
      const phone = await input()
        .resize({ width: IMAGE_LIMITS.phoneWidth, withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer();
      made = {
        width: full.info.width,
        height: full.info.height,
        variants: { full: variant(MIME[format], full.data), phone: variant('image/webp', phone) },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      return refuse(
        /pixel limit/i.test(message)
          ? 'The image has too many pixels: make it smaller and upload it again'
          : 'The image could not be read: it may be damaged, upload it again',
      );
    }
    const image: NewImage = { id: newToken(), createdAt: this.now(), ...made };
    await this.store.add(image);
    return { ok: true, data: { id: image.id, width: image.width, height: image.height } };
  }

  /** Bytes an image will take in storage, to count against the uploader's quota. */
  static storedBytes(bytes: Buffer): number {
    return Math.ceil(bytes.length * 1.5);
  }
}
