/**
 * Kiosk PINs: six digits a staff member types at the window to go on duty. The kiosk checks them against the
 * roster it cached, so sign-on works offline; PBKDF2 makes each guess cost, though a six-digit PIN taken from a
 * stolen tablet's storage can still be found by trying them all: it guards attribution, not secrets.
 */
export const PIN_PATTERN = /^\d{6}$/;
const ITERATIONS = 100_000;

/** Six of the same digit, or a run up or down (123456, 987654), is refused. */
export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1{5}$/.test(pin)) return true;
  const steps = new Set(Array.from(pin).slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

// Web Crypto, in browsers and Node alike; typed here so the domain needs neither DOM nor Node types.
interface SubtleLike {
  importKey(format: 'raw', key: Uint8Array, alg: 'PBKDF2', extractable: false, usages: ['deriveBits']): Promise<unknown>;
  deriveBits(alg: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number }, key: unknown, length: number): Promise<ArrayBuffer>;
}
interface CryptoLike {
  subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(a: T): T;
}
const webCrypto = () => (globalThis as unknown as { crypto: CryptoLike }).crypto;

const b64url = (bytes: Uint8Array) => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
declare function btoa(data: string): string;
declare function atob(data: string): string;
// Every digit is ASCII, so a PIN's bytes are its character codes: no TextEncoder needed in the domain.
const asciiBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const { subtle } = webCrypto();
  const key = await subtle.importKey('raw', asciiBytes(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** "pbkdf2-sha256$iterations$salt$hash": what the server stores and the kiosk checks against. */
export async function hashPin(pin: string): Promise<string> {
  const salt = webCrypto().getRandomValues(new Uint8Array(16));
  return ['pbkdf2-sha256', ITERATIONS, b64url(salt), b64url(await derive(pin, salt, ITERATIONS))].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !salt || !hash || !PIN_PATTERN.test(pin)) return false;
  const got = await derive(pin, fromB64url(salt), Number(iterations));
  const want = fromB64url(hash);
  let diff = got.length ^ want.length;
  for (let i = 0; i < Math.min(got.length, want.length); i++) diff |= got[i] ^ want[i];
  return diff === 0;
}
