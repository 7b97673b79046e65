import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ExportPublicKey } from '../../src/domain/unsent-export';

/** Beside contact.key: the private half of the key tablets encrypt contact to in their unsent-records file. */
export const UNSENT_EXPORT_KEY_FILE = 'unsent-export.key';

export interface UnsentExportKey {
  privateKey: KeyObject;
  publicKey: ExportPublicKey;
  source: 'file' | 'created';
  file: string;
}

function describe(privateKey: KeyObject, file: string, source: UnsentExportKey['source']): UnsentExportKey {
  const pub = createPublicKey(privateKey);
  const jwk = pub.export({ format: 'jwk' }) as { kty: 'RSA'; n: string; e: string };
  const kid = createHash('sha256').update(pub.export({ format: 'der', type: 'spki' })).digest('base64url');
  return { privateKey, publicKey: { kid, alg: 'RSA-OAEP-256', jwk: { kty: 'RSA', n: jwk.n, e: jwk.e } }, source, file };
}

/** The key in DATA_DIR, or null when there is none (the import command must not make one: it could not help). */
export function readUnsentExportKey(dataDir: string): UnsentExportKey | null {
  const file = path.join(dataDir, UNSENT_EXPORT_KEY_FILE);
  if (!fs.existsSync(file)) return null;
  return describe(createPrivateKey(fs.readFileSync(file, 'utf8')), file, 'file');
}

/**
 * Made (RSA 3072, PKCS#8 PEM, mode 0600) on the server's first start. Only a holder of this file can read the
 * contact in a tablet's exported file, so back it up with contact.key and apart from the database.
 */
export function loadUnsentExportKey(dataDir: string): UnsentExportKey {
  const existing = readUnsentExportKey(dataDir);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, UNSENT_EXPORT_KEY_FILE);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  try {
    // 'wx': never overwrite a key another process made a moment ago.
    fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readUnsentExportKey(dataDir)!;
    throw err;
  }
  return describe(privateKey, file, 'created');
}
