import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../src/domain/pin';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import { PAPER_PATHS, paperPhotoPath } from '../../src/domain/paper-api';
import { RatingRecordSchema, type RatingRecord } from '../../src/domain/rating';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { CONTACT_KEY_FILE, loadContactKey } from '../../sync-server/crypto/contact-key';
import { hashPassword } from '../../sync-server/crypto/passwords';
import { DEMO_PASSWORD, DEMO_PIN, demoHall } from '../../sync-server/store/demo-hall';
import { openStore } from '../../sync-server/store/open-store';
import { maskedContactColumns } from '../../sync-server/store/rating-row';
import { openSqliteDatabase, SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';
import { sqliteCatalog } from '../../sync-server/store/sqlite/sqlite-catalog';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, startInProcessServer, tempDir, type InProcessServer } from '../support/server';

/** What anyone holding the database file can compute: the plain SHA-256 of a record in the schema's key order. */
const plainDigest = (record: unknown) => createHash('sha256').update(JSON.stringify(RatingRecordSchema.parse(record))).digest('base64url');

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let srv: InProcessServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const push = (ratings: unknown[]) => postJson(srv!.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings });
const statuses = (res: { body: { results: { status: string }[] } }) => res.body.results.map((r) => r.status);
const raw = (dataDir: string) => new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
const dbBytes = (dataDir: string) =>
  Buffer.concat(fs.readdirSync(dataDir).filter((f) => f.startsWith(SQLITE_FILE_NAME)).map((f) => fs.readFileSync(path.join(dataDir, f))));

const paperRecord = () =>
  paperRecordFromForm(
    {
      ...EMPTY_PAPER_FORM,
      caseNumber: 'QH-2026-000777',
      serviceItemId: 'demo-item-1',
      windowId: 'demo-w1',
      staffId: 'demo-s1',
      serviceDate: '2026-11-20',
      level: 'DISSATISFIED',
      reasons: ['NOT_TOLD_AT_ONCE'],
      evaluatorName: '马六',
      evaluatorPhone: '13700001111',
      hasPhoto: true,
    },
    { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy: 'demo-s2', locale: 'zh-CN' },
  );

describe('stored digests', () => {
  it('are keyed: the four hidden digits of a masked phone cannot be tried against the database', async () => {
    srv = await startInProcessServer();
    const r = badRating({ comment: '有事打 13900001111', contact: { name: '张三', phone: '13812345678' } });
    expect(statuses(await push([r]))).toEqual(['accepted']);
    expect(statuses(await push([{ ...r, level: 'VERY_DISSATISFIED' }]))).toEqual(['conflict']);
    expect(statuses(await push([r]))).toEqual(['duplicate']);

    const db = raw(srv.dataDir);
    const stored = new Set([
      ...(db.prepare('SELECT payload_hash FROM ratings').pluck().all() as string[]),
      ...(db.prepare('SELECT payload_hash FROM rating_conflicts').pluck().all() as string[]),
    ]);
    const row = db.prepare('SELECT * FROM ratings WHERE id = ?').get(r.id) as Record<string, unknown>;
    const conflict = db.prepare('SELECT * FROM rating_conflicts').get() as Record<string, string>;
    db.close();
    expect(row.contact_phone_masked).toBe('138****5678');
    // The attack: everything but the hidden digits is known (even the comment as written); try all 10,000.
    const found: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const phone = `138${String(i).padStart(4, '0')}5678`;
      for (const level of ['DISSATISFIED', 'VERY_DISSATISFIED']) if (stored.has(plainDigest({ ...r, level, contact: { ...r.contact, phone } }))) found.push(phone);
    }
    expect(found).toEqual([]);
    const { contact: _c, ...withoutContact } = r;
    expect(stored.has(plainDigest(withoutContact))).toBe(false);
    // Nowhere in the files either (WAL included), in any column.
    const files = dbBytes(srv.dataDir);
    for (const plain of [plainDigest(r), plainDigest({ ...r, level: 'VERY_DISSATISFIED' })]) expect(files.includes(Buffer.from(plain))).toBe(false);
    // Comments: encrypted, a scrubbed copy for lists, in conflicts too.
    expect(row).not.toHaveProperty('comment');
    expect(row.comment_scrubbed).toBe('有事打 139****1111');
    expect(String(row.comment_enc)).not.toContain('13900001111');
    expect(conflict.payload_json).not.toContain('13900001111');
    expect(JSON.parse(conflict.payload_json).comment).toBe('有事打 139****1111');
    expect(conflict.comment_enc).toBeTruthy();
  });
});

/** A rating written as version 6 wrote it: plain digest, comment in the clear, contact encrypted. */
function insertAsVersion6(db: Database.Database, cipher: ContactCipher, record: RatingRecord, receivedAt: number) {
  const masked = maskedContactColumns(record.contact);
  db.prepare(
    `INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, other_reason, comment, contact_enc, contact_name_masked,
     contact_phone_masked, contact_company_masked, channel, unit_id, window_id, staff_id, device_id, device_time, rated_at, clock_offset_ms,
     received_at, locale, case_number, service_item_id, service_date, entered_by, checked_by, has_photo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id, plainDigest(record), record.v, record.level, JSON.stringify(record.reasons), record.otherReason ?? null, record.comment ?? null,
    record.contact ? cipher.encrypt(record.contact) : null, masked.contact_name_masked, masked.contact_phone_masked, masked.contact_company_masked,
    record.channel, record.unitId, record.windowId, record.staffId ?? null, record.deviceId, record.deviceTime, record.deviceTime, receivedAt,
    record.locale, record.caseNumber ?? null, record.paper?.serviceItemId ?? null, record.paper?.serviceDate ?? null, record.paper?.enteredBy ?? null,
    record.paper?.checkedBy ?? null, record.paper ? (record.paper.hasPhoto ? 1 : 0) : null,
  );
  db.prepare('INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    record.id, record.staffId ?? null, record.windowId, record.unitId, record.contact?.phone ? 0 : 1, receivedAt,
  );
}

describe('migration 7 from a version-6 database', () => {
  it('keys every digest so an identical replay is still a duplicate and a changed one a conflict; encrypts comments', async () => {
    const dir = tempDir('migrate-7');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const v6 = openSqliteDatabase(dir, cipher, 6);
    const hall = demoHall({ passwordHash: await hashPassword(DEMO_PASSWORD), pinHash: await hashPin(DEMO_PIN) });
    // A version-6 hall: its units have no disclosure switches yet (migration 023 adds them).
    hall.units = hall.units.map(({ disclosure: _d, disclosureNamesStaff: _n, ...unit }) => unit);
    await sqliteCatalog(v6).seed(hall);
    const kiosk = badRating({ comment: '回电 139.1234.5678 或 13900001111', contact: { name: '张三', phone: '13812345678', company: '某公司' } });
    const changed = { ...kiosk, level: 'VERY_DISSATISFIED' as const };
    const paper = paperRecord();
    insertAsVersion6(v6, cipher, kiosk, Date.now());
    insertAsVersion6(v6, cipher, paper, Date.now());
    const { contact, ...changedRest } = changed;
    v6.prepare('INSERT INTO rating_conflicts (rating_id, payload_hash, payload_json, contact_enc, device_id, received_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      kiosk.id, plainDigest(changed), JSON.stringify(changedRest), cipher.encrypt(contact!), DEMO_DEVICE, Date.now(),
    );
    v6.prepare('INSERT INTO rating_photos (rating_id, mime, bytes_enc, size, sha256, received_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      paper.id, 'image/png', cipher.encryptBytes(PNG), PNG.length, createHash('sha256').update(PNG).digest('base64url'), Date.now(),
    );
    v6.close();
    expect(dbBytes(dir).includes(Buffer.from('13900001111'))).toBe(true); // the old way, for contrast

    srv = await startInProcessServer({ dataDir: dir });
    expect(statuses(await push([kiosk, changed, { ...kiosk, comment: '别的' }]))).toEqual(['duplicate', 'conflict', 'conflict']);
    // The old conflict was rekeyed like the new ones: the same conflicting version is not stored twice.
    expect((await srv.store.listConflicts()).filter((c) => c.payload.level === 'VERY_DISSATISFIED')).toHaveLength(1);

    const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    const paperPush = await api(srv.baseUrl, 'POST', PAPER_PATHS.push, { cookie: lead, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [paper] } });
    expect(statuses(paperPush)).toEqual(['duplicate']);
    // The paper duplicate check finds the old form by its new fingerprint, same case, level and evaluator.
    const check = await api(srv.baseUrl, 'POST', PAPER_PATHS.duplicates, {
      cookie: lead,
      body: { caseNumber: 'QH-2026-000777', level: 'DISSATISFIED', contact: { name: '马六', phone: '13700001111' } },
    });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.matches.map((m: { id: string }) => m.id)).toEqual([paper.id]);
    const other = await api(srv.baseUrl, 'POST', PAPER_PATHS.duplicates, {
      cookie: lead,
      body: { caseNumber: 'QH-2026-000777', level: 'DISSATISFIED', contact: { name: '马六', phone: '13700001112' } },
    });
    expect(other.body.matches).toEqual([]);
    const photo = await api(srv.baseUrl, 'PUT', paperPhotoPath(paper.id), { cookie: lead, raw: PNG, headers: { 'content-type': 'image/png' } });
    expect(photo.body.status).toBe('duplicate');

    expect((await srv.store.getRating(kiosk.id))!.comment).toBe('回电 139****5678 或 139****1111');
    expect(await srv.store.revealComment(kiosk.id)).toBe(kiosk.comment);
    expect(await srv.store.revealContact(kiosk.id)).toEqual(kiosk.contact);

    const db = raw(dir);
    const columns = (db.prepare('PRAGMA table_info(ratings)').all() as { name: string }[]).map((c) => c.name);
    const hashes = db.prepare('SELECT payload_hash FROM ratings UNION ALL SELECT payload_hash FROM rating_conflicts').pluck().all() as string[];
    const photoDigest = db.prepare('SELECT sha256 FROM rating_photos').pluck().get();
    db.close();
    expect(columns).not.toContain('comment');
    for (const plain of [plainDigest(kiosk), plainDigest(changed), plainDigest(paper)]) expect(hashes).not.toContain(plain);
    expect(photoDigest).not.toBe(createHash('sha256').update(PNG).digest('base64url'));
    await srv.close();
    srv = undefined;
    // Closed: the WAL is checkpointed into the file; the old clear comment must not survive in a free page.
    for (const secret of ['13900001111', '139.1234.5678']) expect(dbBytes(dir).includes(Buffer.from(secret)), secret).toBe(false);
  });
});

describe('the data folder', () => {
  const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

  it('is made 0700, with the database files and the key 0600', async () => {
    const dir = path.join(tempDir('modes'), 'data');
    const { store } = await openStore(dir, {});
    const [db, wal, shm] = ['', '-wal', '-shm'].map((s) => path.join(dir, SQLITE_FILE_NAME + s));
    expect(mode(dir)).toBe('700');
    for (const f of [db, wal, shm, path.join(dir, CONTACT_KEY_FILE)]) expect(mode(f), f).toBe('600');
    await store.close();
  });

  it('tightens database files an older version left readable by others', async () => {
    const dir = tempDir('modes-old');
    await (await openStore(dir, {})).store.close();
    fs.chmodSync(path.join(dir, SQLITE_FILE_NAME), 0o644);
    const { store } = await openStore(dir, {});
    expect(mode(path.join(dir, SQLITE_FILE_NAME))).toBe('600');
    expect(mode(path.join(dir, SQLITE_FILE_NAME + '-wal'))).toBe('600');
    await store.close();
  });
});
