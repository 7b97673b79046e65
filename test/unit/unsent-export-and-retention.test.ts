import { describe, expect, it } from 'vitest';
import { contactRetentionDays, dropExpiredContact } from '../../src/data/contact-retention';
import { setMeta } from '../../src/data/meta';
import { exportUnsent } from '../../src/data/unsent-export';
import type { ExportPublicKey } from '../../src/domain/unsent-export';
import { badDraft, demoConfig, freshDb, queueRatings } from '../support/kiosk-fixtures';

const DAY = 86_400_000;

describe('contact on held records', () => {
  it('is removed once a conflict or refused record has been held longer than the retention period', async () => {
    const db = await freshDb();
    const now = Date.now();
    const [deadOld, conflictOld, conflictRecent, pendingOld] = await queueRatings(db, [badDraft, badDraft, badDraft, badDraft]);
    await db.outbox.update(deadOld, { state: 'dead', updatedAt: now - 31 * DAY });
    await db.outbox.update(conflictOld, { state: 'conflict', updatedAt: now - 30 * DAY - 1 });
    await db.outbox.update(conflictRecent, { state: 'conflict', updatedAt: now - 29 * DAY });
    await db.outbox.update(pendingOld, { updatedAt: now - 90 * DAY });
    await db.photos.put({ id: deadOld, blob: new Blob(['photo of the form']), state: 'waiting', createdAt: now - 31 * DAY });

    expect(await dropExpiredContact(db, 30, now)).toBe(2);
    const contactOf = async (id: string) => (await db.ratings.get(id))?.record.contact;
    expect(await contactOf(deadOld)).toBeUndefined();
    expect(await contactOf(conflictOld)).toBeUndefined();
    expect((await db.ratings.get(deadOld))?.contactDroppedAt).toBe(now);
    // The photo shows the evaluator's phone: it goes with the contact.
    expect(await db.photos.get(deadOld)).toBeUndefined();
    // Within the period, and anything still waiting to be sent, keeps its contact.
    expect(await contactOf(conflictRecent)).toEqual(badDraft.contact);
    expect(await contactOf(pendingOld)).toEqual(badDraft.contact);
    // The rating itself stays for staff to resolve.
    expect((await db.ratings.get(deadOld))?.record.level).toBe('DISSATISFIED');
  });

  it('is kept 30 days unless the kiosk configuration says otherwise', async () => {
    const db = await freshDb();
    expect(await contactRetentionDays(db)).toBe(30);
    await setMeta(db, 'kioskConfig', { ...demoConfig, settings: { ...demoConfig.settings, contactRetentionDays: 7 } });
    expect(await contactRetentionDays(db)).toBe(7);
  });
});

describe('the unsent-records file', () => {
  it('leaves contact out, and says so, when the tablet has no server key', async () => {
    const db = await freshDb();
    await setMeta(db, 'kioskConfig', demoConfig);
    await queueRatings(db, [badDraft, { level: 'SATISFIED', reasons: [] }]);
    const file = await exportUnsent(db);
    expect(file.contact).toBe('omitted');
    expect(file.json).not.toContain('13812345678');
    expect(file.json).not.toContain('张三');
    expect(JSON.parse(file.json)).toMatchObject({ contact: 'omitted', items: [{ record: { level: 'DISSATISFIED' } }, { record: { level: 'SATISFIED' } }] });
  });

  it('still writes the file when the outbox holds an entry of a stream this version does not know (a downgrade)', async () => {
    const db = await freshDb();
    await setMeta(db, 'kioskConfig', demoConfig);
    const [rated] = await queueRatings(db, [{ level: 'SATISFIED', reasons: [] }]);
    const now = Date.now();
    await db.outbox.add({ id: 'zz-from-a-newer-version', stream: 'future' as never, state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
    const file = JSON.parse((await exportUnsent(db)).json);
    expect(file.items.map((i: { outbox: { id: string } }) => i.outbox.id)).toEqual([rated, 'zz-from-a-newer-version']);
    expect(file.items[0].record).toMatchObject({ level: 'SATISFIED' });
    expect(file.items[1].record).toBeNull();
  });

  it('masks phone numbers a citizen typed into the comment, and carries the full text only encrypted', async () => {
    const db = await freshDb();
    const pair = (await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['wrapKey', 'unwrapKey'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const comment = '请回电 139 1234 5678';
    const [id] = await queueRatings(db, [{ ...badDraft, contact: undefined, comment }]);
    await setMeta(db, 'kioskConfig', demoConfig);
    const omitted = await exportUnsent(db);
    expect(omitted.contact).toBe('omitted');
    expect(omitted.json).not.toContain('1234 5678');
    expect(JSON.parse(omitted.json).items[0].record.comment).toBe('请回电 139****5678');

    await setMeta(db, 'kioskConfig', { ...demoConfig, unsentExportKey: { kid: 'test-key-3', alg: 'RSA-OAEP-256', jwk: { kty: 'RSA', n: jwk.n!, e: jwk.e! } } });
    const file = await exportUnsent(db);
    expect(file.contact).toBe('encrypted');
    expect(file.json).not.toContain('1234 5678');
    const enc = JSON.parse(file.json).encryptedContact;
    const b = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const aes = await crypto.subtle.unwrapKey('raw', b(enc.wrappedKey), pair.privateKey, { name: 'RSA-OAEP' }, { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: b(enc.iv) }, aes, b(enc.ciphertext));
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({ [id]: { comment } });
  });

  it('carries contact only encrypted to the server key, which alone opens it', async () => {
    const db = await freshDb();
    const pair = (await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['wrapKey', 'unwrapKey'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const key: ExportPublicKey = { kid: 'test-key-1', alg: 'RSA-OAEP-256', jwk: { kty: 'RSA', n: jwk.n!, e: jwk.e! } };
    await setMeta(db, 'kioskConfig', { ...demoConfig, unsentExportKey: key });
    const [id] = await queueRatings(db, [badDraft]);
    const file = await exportUnsent(db);
    expect(file.contact).toBe('encrypted');
    expect(file.json).not.toContain('13812345678');
    expect(file.json).not.toContain('张三');
    const parsed = JSON.parse(file.json);
    expect(parsed.items[0].record.contact).toBeUndefined();
    const b = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const enc = parsed.encryptedContact;
    expect(enc.kid).toBe('test-key-1');
    const aes = await crypto.subtle.unwrapKey('raw', b(enc.wrappedKey), pair.privateKey, { name: 'RSA-OAEP' }, { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: b(enc.iv) }, aes, b(enc.ciphertext));
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({ [id]: { contact: badDraft.contact } });
  });

  it('is encrypted on a staff tablet too, with the key from the paper-form configuration', async () => {
    const db = await freshDb();
    const pair = (await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['wrapKey', 'unwrapKey'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const unsentExportKey: ExportPublicKey = { kid: 'test-key-2', alg: 'RSA-OAEP-256', jwk: { kty: 'RSA', n: jwk.n!, e: jwk.e! } };
    await setMeta(db, 'paperFormConfig', { unit: demoConfig.unit, windows: [], staff: [], serviceItems: [], reasons: [], fetchedAt: 1, unsentExportKey });
    await queueRatings(db, [badDraft]);
    const file = await exportUnsent(db);
    expect(file.contact).toBe('encrypted');
    expect(file.json).not.toContain('13812345678');
  });
});
