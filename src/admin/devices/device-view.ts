import { encode } from 'uqr';
import type { DeviceListItem } from '../../domain/device-api';
import { formatCstIso, formatCstMinute } from '../../domain/time';

// Pure helpers of the devices tab, kept out of the components so they can be tested without a browser.

/** A kiosk checks in every 30 s: one silent for longer than this is worth a look. */
export const STALE_AFTER_MS = 10 * 60_000;
/** How often the open devices tab asks the server again. */
export const DEVICE_REFRESH_MS = 30_000;
/** Blank modules around a QR code, as the standard asks, so a camera finds its edges on any background. */
export const QR_QUIET_ZONE = 4;

/** "2025-11-27 17:40": the time in China to the minute, whatever the computer's own zone. */
export { formatCstMinute as cstMinute };
/** "17:40:05": the time of day in China, for "updated at". */
export const cstClock = (ms: number) => formatCstIso(ms).slice(11, 19);

/** The address a tablet opens to be enrolled: the kiosk reads `?enrol=` and fills in the code. */
export const enrolmentUrl = (origin: string, code: string) => `${origin}/?enrol=${encodeURIComponent(code)}`;

export type SeenAgo = { unit: 'justNow' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

/** How long ago a device was last heard from, in the largest whole unit ("3 minutes", "2 hours"). */
export function seenAgo(lastSeenAt: number, now: number): SeenAgo {
  // A clock a little ahead of this computer's is "just now", not "in the future".
  const minutes = Math.floor(Math.max(0, now - lastSeenAt) / 60_000);
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** An active device not heard from for over ten minutes (or never): its tablet may be off or offline. */
export function isStale(device: Pick<DeviceListItem, 'lastSeenAt' | 'revokedAt'>, now: number): boolean {
  if (device.revokedAt !== null) return false;
  return device.lastSeenAt === null || now - device.lastSeenAt > STALE_AFTER_MS;
}

/** Active devices first, then in the hall's window order, then by id, so a tablet keeps its place on refresh. */
export function sortDevices(devices: DeviceListItem[], windowOrder: readonly string[]): DeviceListItem[] {
  const rank = (windowId: string) => {
    const i = windowOrder.indexOf(windowId);
    return i === -1 ? windowOrder.length : i;
  };
  return [...devices].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      rank(a.windowId) - rank(b.windowId) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface QrRun {
  x: number;
  y: number;
  width: number;
}

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  size: number;
  /** The dark modules, one rectangle per horizontal run, in module units (quiet zone included). */
  runs: QrRun[];
}

/**
 * The QR code of a text as horizontal runs of dark modules surrounded by the quiet zone, ready to draw as SVG
 * rectangles. Runs keep the element count low (a code of a URL has ~600 dark modules but ~250 runs). Medium
 * error correction survives a smudged or glaring screen.
 */
export function qrMatrix(text: string, quietZone = QR_QUIET_ZONE): QrMatrix {
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  const runs: QrRun[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      runs.push({ x: start + quietZone, y: y + quietZone, width: x - start });
    }
  });
  return { size: size + 2 * quietZone, runs };
}
