import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const CONTACT_KEY_FILE = 'contact.key';

export interface LoadedKey {
  key: Buffer;
  source: 'env' | 'file' | 'created';
  file?: string;
}

function decode(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold a 32-byte key (base64 or 64 hex digits)`);
  return key;
}

/**
 * The key that encrypts evaluator contact data: HCP_CONTACT_KEY if set, otherwise the key file in the data
 * folder, made (mode 0600) on first start. Losing it loses the stored contact data; back it up apart from the
 * database, since a copy beside the database protects nothing.
 */
export function loadContactKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): LoadedKey {
  if (env.HCP_CONTACT_KEY) return { key: decode(env.HCP_CONTACT_KEY, 'HCP_CONTACT_KEY'), source: 'env' };
  const file = path.join(dataDir, CONTACT_KEY_FILE);
  if (fs.existsSync(file)) return { key: decode(fs.readFileSync(file, 'utf8'), file), source: 'file', file };
  // 0700 like the database's folder (store/sqlite/open-sqlite.ts): it holds the key and the data.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process made a moment ago.
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: decode(fs.readFileSync(file, 'utf8'), file), source: 'file', file };
    throw err;
  }
  return { key, source: 'created', file };
}
