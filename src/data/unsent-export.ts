import { scrubText } from '../domain/scrub';
import {
  UNSENT_CONTACT_ALG,
  UNSENT_FILE_FORMAT,
  UNSENT_FILE_VERSION,
  type EncryptedContact,
  type ExportPublicKey,
  type PrivatePart,
  type UnsentContactMode,
} from '../domain/unsent-export';
import type { RatingRecord } from '../domain/rating';
import type { KioskDatabase, OutboxItem } from './db';
import { getMeta } from './meta';
import { findStream, payloadTable, type Payload } from './stream-tables';
import type { PayloadTable } from './streams';

/** Each item's payload from its stream's table, in the items' order; one bulk read per table. */
async function readPayloads(db: KioskDatabase, items: OutboxItem[]): Promise<(Payload | undefined)[]> {
  const found: (Payload | undefined)[] = new Array(items.length);
  const byTable = new Map<PayloadTable, number[]>();
  items.forEach((item, i) => {
    // An entry of a stream this version does not know has no table to read: it goes in the file without a record.
    const table = findStream(item.stream)?.table;
    if (!table) return;
    const positions = byTable.get(table) ?? [];
    positions.push(i);
    byTable.set(table, positions);
  });
  for (const [table, positions] of byTable) {
    const rows = await payloadTable(db, { table }).bulkGet(positions.map((i) => items[i].id));
    positions.forEach((i, k) => (found[i] = rows[k]));
  }
  return found;
}

const base64 = (bytes: ArrayBuffer | Uint8Array) => {
  let bin = '';
  for (const b of new Uint8Array(bytes)) bin += String.fromCharCode(b);
  return btoa(bin);
};

/**
 * Hybrid encryption with WebCrypto: the contact section under a fresh AES-256-GCM key, that key wrapped with the
 * server's RSA-OAEP-256 public key. Null where WebCrypto is missing (plain HTTP on the hall network): the caller
 * then leaves contact out.
 */
export async function encryptContactSection(section: Record<string, PrivatePart>, key: ExportPublicKey): Promise<EncryptedContact | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const rsa = await subtle.importKey('jwk', { kty: 'RSA', n: key.jwk.n, e: key.jwk.e }, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['wrapKey']);
  const aes = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode(JSON.stringify(section)));
  const wrappedKey = await subtle.wrapKey('raw', aes, rsa, { name: 'RSA-OAEP' });
  return { alg: UNSENT_CONTACT_ALG, kid: key.kid, wrappedKey: base64(wrappedKey), iv: base64(iv), ciphertext: base64(ciphertext) };
}

export interface UnsentExport {
  json: string;
  contact: UnsentContactMode;
  count: number;
}

/**
 * Every record not yet on the server, as one JSON document: the last resort when a device can no longer sync.
 * Evaluators' names and phones never appear in it readable (a file leaves the staff member's control once
 * downloaded): they go encrypted to the server's export key from the kiosk configuration, or not at all.
 * `npm run import-unsent` on the server reads it.
 */
export async function exportUnsent(db: KioskDatabase, now = Date.now()): Promise<UnsentExport> {
  // Each stream's entry in the registry says whether its items belong in the file (src/data/streams.ts): ratings and
  // case steps do; abandoned-tap counts carry nothing to rescue.
  const items = (await db.outbox.toArray()).filter((item) => findStream(item.stream)?.exported !== 'skip');
  const [payloads, deviceId, clockOffsetMs, config, paperConfig] = await Promise.all([
    readPayloads(db, items),
    getMeta(db, 'deviceId'),
    getMeta(db, 'clockOffsetMs'),
    getMeta(db, 'kioskConfig'),
    getMeta(db, 'paperFormConfig'),
  ]);
  const key = config?.unsentExportKey ?? paperConfig?.unsentExportKey;
  const section: Record<string, PrivatePart> = {};
  const records = items.map((item, i) => {
    const found = payloads[i]?.record;
    if (found === undefined) return null;
    if (findStream(item.stream)?.exported === 'record') return found;
    const record = found as RatingRecord;
    const { contact, ...rest } = record;
    const part: PrivatePart = contact ? { contact } : {};
    // Free text goes readable only with its phone and ID numbers masked; the full text travels with the contact.
    for (const field of ['comment', 'otherReason'] as const) {
      const text = rest[field];
      if (text === undefined || scrubText(text) === text) continue;
      part[field] = text;
      rest[field] = scrubText(text);
    }
    if (Object.keys(part).length > 0) section[record.id] = part;
    return rest;
  });
  const hasContact = Object.keys(section).length > 0;
  const encrypted = hasContact && key ? await encryptContactSection(section, key) : null;
  const contact: UnsentContactMode = !hasContact ? 'none' : encrypted ? 'encrypted' : 'omitted';
  const file = {
    format: UNSENT_FILE_FORMAT,
    version: UNSENT_FILE_VERSION,
    deviceId,
    exportedAt: new Date(now).toISOString(),
    clockOffsetMs,
    contact,
    ...(encrypted ? { encryptedContact: encrypted } : {}),
    items: items.map((item, i) => ({ outbox: item, record: records[i] })),
  };
  return { json: JSON.stringify(file, null, 2), contact, count: items.length };
}
