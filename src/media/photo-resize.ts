import { MAX_PHOTO_BYTES } from '../domain/admin-api';

// Photos are shrunk on the device before upload: a tablet camera's 12-megapixel JPEG would be refused by the
// server and is far larger than needed. Staff photos fit 480×600 (the kiosk card); photos of paper forms keep
// enough detail to read handwriting.

export const PHOTO_MAX_WIDTH = 480;
export const PHOTO_MAX_HEIGHT = 600;
/** Tried in turn until the JPEG fits; the first is what a 480×600 portrait nearly always needs. */
export const PHOTO_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35] as const;

export type PhotoProblem = 'notImage' | 'unreadable' | 'tooLarge';

export class PhotoError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(problem);
  }
}

export interface ResizedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/** The largest size within the box that keeps the aspect ratio; never enlarges a small picture. */
export function fitWithin(width: number, height: number, maxWidth = PHOTO_MAX_WIDTH, maxHeight = PHOTO_MAX_HEIGHT) {
  if (!(width > 0 && height > 0)) throw new PhotoError('unreadable');
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.min(maxWidth, Math.max(1, Math.round(width * scale))),
    height: Math.min(maxHeight, Math.max(1, Math.round(height * scale))),
  };
}

/** Encodes at falling qualities until the result fits under maxBytes. */
export async function encodeUnder(encode: (quality: number) => Promise<Blob>, maxBytes = MAX_PHOTO_BYTES, qualities: readonly number[] = PHOTO_QUALITIES): Promise<Blob> {
  for (const quality of qualities) {
    const blob = await encode(quality);
    if (blob.size <= maxBytes) return blob;
  }
  throw new PhotoError('tooLarge');
}

type Decoded = { source: CanvasImageSource; width: number; height: number; release(): void };

async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      // 'from-image' turns a phone photo upright by its EXIF orientation.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // Some formats decode only through <img>; try that before giving up.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, release: () => undefined };
  } catch {
    throw new PhotoError('unreadable');
  } finally {
    URL.revokeObjectURL(url);
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoError('unreadable'))), 'image/jpeg', quality));
}

export interface ResizeTarget {
  maxWidth: number;
  maxHeight: number;
  maxBytes: number;
}

export const STAFF_PHOTO: ResizeTarget = { maxWidth: PHOTO_MAX_WIDTH, maxHeight: PHOTO_MAX_HEIGHT, maxBytes: MAX_PHOTO_BYTES };
/** A form photo: an A4 sheet at about 150 dpi, under the server's 1 MiB with room to spare. */
export const PAPER_PHOTO: ResizeTarget = { maxWidth: 1600, maxHeight: 1600, maxBytes: 900 * 1024 };

/** Decodes a picture on the device, fits it within the target box and encodes it as a JPEG under its limit. */
export async function resizePhoto(file: Blob, target: ResizeTarget = STAFF_PHOTO): Promise<ResizedPhoto> {
  if (file.type && !file.type.startsWith('image/')) throw new PhotoError('notImage');
  const decoded = await decode(file);
  try {
    const { width, height } = fitWithin(decoded.width, decoded.height, target.maxWidth, target.maxHeight);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoError('unreadable');
    // JPEG has no transparency: a transparent PNG would turn black without a white ground.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(decoded.source, 0, 0, width, height);
    const blob = await encodeUnder((q) => toJpeg(canvas, q), target.maxBytes);
    return { blob, width, height };
  } finally {
    decoded.release();
  }
}
