import { PHOTO_TYPES } from '../src/domain/admin-api';

export { PHOTO_TYPES };
export type PhotoType = (typeof PHOTO_TYPES)[number];

// What each image type starts with; a body that does not is refused, whatever its Content-Type says.
const MAGIC: Record<PhotoType, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export function isPhotoType(mime: string): mime is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(mime);
}

export function isImageOfType(body: Buffer, mime: PhotoType): boolean {
  return MAGIC[mime](body);
}

export function contentTypeOf(header: string | undefined): string {
  return String(header ?? '').split(';')[0].trim().toLowerCase();
}
