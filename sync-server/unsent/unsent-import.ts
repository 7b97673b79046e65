import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import { MAX_PUSH_BATCH } from '../../src/domain/sync-constants';
import type { ItemRefusal } from '../../src/domain/error-codes';
import type { ApiError } from '../../src/domain/sync-api';
import { ContactSectionSchema, UnsentFileSchema, UnsentFileV1Schema, type EncryptedContact, type PrivatePart, type UnsentContactMode, type UnsentFile } from '../../src/domain/unsent-export';
import type { UnsentExportKey } from '../crypto/unsent-export-key';
import { ingestRatings } from '../ingest';
import type { Store } from '../store/store';

/** A file that cannot be imported as a whole: nothing of it is written. */
export class UnsentImportError extends Error {}

export interface ImportSummary {
  deviceId: string | null;
  /** 'plaintext-v1': a file from before version 2, contact inline and readable. */
  contact: UnsentContactMode | 'plaintext-v1';
  accepted: number;
  duplicate: number;
  conflict: number;
  invalid: { id: string | null; error: ApiError }[];
  /** Steps on bad-review cases: they need the session of the person who took them, so they are listed, not imported. */
  caseSteps: number;
}

/** Undoes the tablet's WebCrypto hybrid encryption (src/data/unsent-export.ts). */
export function decryptContactSection(enc: EncryptedContact, key: UnsentExportKey): Record<string, PrivatePart> {
  if (enc.kid !== key.publicKey.kid) {
    throw new UnsentImportError(`the file's contact is encrypted to key ${enc.kid}, this server's key is ${key.publicKey.kid}: use the DATA_DIR of the server the tablet was configured by`);
  }
  try {
    const aesKey = privateDecrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(enc.wrappedKey, 'base64'));
    const sealed = Buffer.from(enc.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(enc.iv, 'base64'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    const section = ContactSectionSchema.safeParse(JSON.parse(plain));
    if (!section.success) throw new Error('the contact section is not a map of contacts and texts');
    return section.data;
  } catch (err) {
    throw new UnsentImportError(`the file's contact cannot be decrypted (damaged or altered file?): ${err instanceof Error ? err.message : err}`);
  }
}

function parseFile(text: string): UnsentFile | (Omit<UnsentFile, 'contact' | 'version'> & { contact: 'plaintext-v1'; version: 1 }) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnsentImportError('the file is not JSON');
  }
  if ((json as { version?: unknown } | null)?.version === 1) {
    const v1 = UnsentFileV1Schema.safeParse(json);
    if (v1.success) return { ...v1.data, contact: 'plaintext-v1' };
  }
  const parsed = UnsentFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UnsentImportError(`not an unsent-records file of this version: ${first.path.map(String).join('.') || 'file'}: ${first.message}`);
  }
  return parsed.data;
}

// Which channel each outbox stream may carry, as the two push routes insist.
const streamCheck = (stream: string) => (record: { channel: string }): ItemRefusal | null =>
  stream === 'paper'
    ? record.channel === 'PAPER'
      ? null
      : { code: 'NOT_PAPER', message: 'the paper stream carries paper forms only' }
    : record.channel === 'PAPER'
      ? { code: 'PAPER_NEEDS_SIGN_IN', message: 'a paper form in the kiosk stream' }
      : null;

/**
 * Ingests a tablet's unsent-records file through the push path (`ingestRatings`: the shared schema, the
 * catalogue, the device's windows, one transaction per batch). A record the server already has is a duplicate,
 * so importing the same file twice, or a file whose records later arrived by sync, stores each rating once.
 */
export async function importUnsentFile(store: Store, text: string, key: UnsentExportKey | null, now = Date.now()): Promise<ImportSummary> {
  const file = parseFile(text);
  let contacts: Record<string, PrivatePart> = {};
  if (file.contact === 'encrypted') {
    if (!file.encryptedContact) throw new UnsentImportError('the file says its contact is encrypted but carries none');
    if (!key) throw new UnsentImportError('this server has no unsent-export.key in DATA_DIR: the contact cannot be decrypted');
    contacts = decryptContactSection(file.encryptedContact, key);
  }
  const deviceId = file.deviceId ?? null;
  const summary: ImportSummary = { deviceId, contact: file.contact, accepted: 0, duplicate: 0, conflict: 0, invalid: [], caseSteps: 0 };
  if (!deviceId) throw new UnsentImportError('the file names no device');
  const windows = await store.deviceWindowIds(deviceId);
  const byStream = new Map<string, unknown[]>();
  for (const { outbox, record } of file.items) {
    if (outbox.stream === 'case') {
      summary.caseSteps++;
      continue;
    }
    if (!record || typeof record !== 'object') {
      summary.invalid.push({ id: outbox.id, error: { code: 'RECORD_MISSING', message: 'the outbox entry has no record in the file' } });
      continue;
    }
    const id = (record as { id?: unknown }).id;
    // The private part puts back the contact and the unmasked texts the readable record shows masked.
    const part = typeof id === 'string' ? contacts[id] : undefined;
    const list = byStream.get(outbox.stream) ?? [];
    list.push(part ? { ...record, ...part } : record);
    byStream.set(outbox.stream, list);
  }
  // The device's clock offset when it last synced corrects rating times, as a push does with its own.
  const sentAt = now - Math.round(file.clockOffsetMs ?? 0);
  for (const [stream, records] of byStream) {
    for (let i = 0; i < records.length; i += MAX_PUSH_BATCH) {
      const ratings = records.slice(i, i + MAX_PUSH_BATCH);
      const results = await ingestRatings(store, { deviceId, sentAt, items: ratings }, now, {
        // An unenrolled (demo) tablet has no windows on record; an enrolled one's ratings must be for its windows.
        deviceWindowIds: windows.length > 0 ? windows : undefined,
        check: streamCheck(stream),
      });
      for (const r of results) {
        if (r.status === 'invalid') summary.invalid.push({ id: r.id, error: r.error! });
        else summary[r.status]++;
      }
    }
  }
  return summary;
}
