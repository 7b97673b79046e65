export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Short identifiers of catalogue rows (units, windows, staff, devices). */
export const CATALOG_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

// Web Crypto exists in browsers and Node alike; typed here so the domain needs neither DOM nor Node types.
type RandomSource = { getRandomValues<T extends Uint8Array>(array: T): T };
const randomBytes = (n: number) => (globalThis as unknown as { crypto: RandomSource }).crypto.getRandomValues(new Uint8Array(n));

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

let lastMs = -1;
let counter = 0;

/**
 * RFC 9562 UUIDv7: 48 bits of Unix milliseconds, a 12-bit counter, then random bits. Made on the device before
 * anything is written, it is the idempotency key end to end. Ids made here are strictly increasing (the counter
 * orders ids within one millisecond, and a clock that steps back does not reorder them), so the outbox sorted by
 * id is sorted by creation.
 */
export function uuidv7(nowMs: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  let ms = Math.max(nowMs, lastMs);
  if (ms === lastMs) {
    counter++;
    if (counter > 0xfff) {
      ms++;
      counter = 0;
    }
  } else {
    // A random start below the midpoint leaves room to count up within the millisecond.
    counter = ((random[0] & 0x07) << 8) | random[1];
  }
  lastMs = ms;
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b.set(random.subarray(2, 10), 8);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
