import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseAction } from '../../src/domain/case-machine';
import { uuidv7 } from '../../src/domain/ids';
import { RatingRecordSchema, type RatingRecord } from '../../src/domain/rating';
import { payloadHash } from '../../sync-server/canonical';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { ingestRecords } from '../../sync-server/ingest';
import { demoHall } from '../../sync-server/store/demo-hall';
import { openStore } from '../../sync-server/store/open-store';
import { openPostgresStore } from '../../sync-server/store/postgres/open-postgres';
import { caseOnArrival, caseOnPaperCheck } from '../../sync-server/store/rules/case-opening';
import type { Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, demoRating, DEMO_DEVICE } from '../support/ratings';
import { tempDir } from '../support/server';
import { countMonth } from '../../src/domain/figures/attachment2';
import { monthOfCst } from '../../src/domain/figures/month';
import { signMonth } from '../../src/domain/figures/month-close';
import { judgedMonthFacts } from '../../sync-server/figures/attachment2-report';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const T = Date.now() - 3_600_000;
const PROVINCE_KEY = randomBytes(32);
const INVITATION_ID = uuidv7(T + 70);
const CALL: CaseAction = { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已联系' };

afterAll(dropTestSchemas);

/** A real hall's SQLite data: kiosk ratings with contact and comment, a checked paper form with its photo, a case with a step, an audit entry, a device. */
async function makeHall(dir: string, employeeNo = 'D1001') {
  const { store } = await openStore(dir, {});
  const seed = demoHall({ passwordHash: null, pinHash: null });
  seed.staff = seed.staff.map((s) => (s.id === 'demo-s1' ? { ...s, employeeNo } : s));
  await store.settleServerMode(() => ({ mode: 'production' as const, seed }));
  // Parsed by the shared schema, as the push route does before the digest is made (its key order counts).
  // Its evaluator allowed publication: the digest with the consent is made again under the province's key.
  const bad = RatingRecordSchema.parse(badRating({ comment: '等了很久，电话 138 1234 5678', publishComment: true }, T));
  const good = RatingRecordSchema.parse(demoRating({ level: 'VERY_SATISFIED' }, T + 1));
  const paper: RatingRecord = RatingRecordSchema.parse({
    ...badRating({ contact: { name: '李四', phone: '13900001111' } }, T + 2),
    channel: 'PAPER',
    caseNumber: 'QH-2026-077',
    paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: true },
  });
  const info = { deviceId: DEMO_DEVICE, sentAt: T + 10, receivedAt: T + 10 };
  const out = await ingestRecords(store, [bad, good, paper], info);
  expect(out.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
  const form = (await store.getRating(paper.id))!;
  await store.confirmPaperCheck(paper.id, 'demo-s3', T + 20, caseOnPaperCheck(form));
  await store.putRatingPhoto(paper.id, 'image/jpeg', Buffer.from('a photo of the form'), T + 30);
  const event = { id: uuidv7(), action: CALL, by: 'demo-s2', at: T + 40 };
  expect(await store.appendCaseEvents([{ caseId: bad.id, expectedEvents: 0, event, payloadHash: 'p-call', closedAt: null }], T + 41)).toBe(true);
  // The lead approved it for /public (issue 16): the scrubbed text moves as it is.
  await store.putCommentPublication({ ratingId: bad.id, verdict: 'APPROVED', scrubbedText: '等了很久，电话 ＊＊＊', by: 'demo-s2', at: T + 45 }, null);
  await store.appendAudit({ at: T + 50, actorId: 'demo-admin', action: 'contact.reveal', targetType: 'rating', targetId: bad.id, detail: null, ip: '127.0.0.1' });
  await store.insertEnrolmentCode({ codeHash: 'code-1', windowId: 'demo-w1', createdBy: 'demo-admin', createdAt: T, expiresAt: T + 3_600_000 });
  const report = { appVersion: '1.0.0', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: true, userAgent: 'UA' };
  await store.enrolDevice({ codeHash: 'code-1', deviceId: 'dev-hall-1', credentialHash: 'cred-1', at: T, report });
  // A 办件 from the business system, and its token (the hash only).
  const serviceCase = { caseNo: 'BJ-2026-001', serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', applicantType: 'PERSON', acceptedAt: T, finishedAt: T + 60_000, status: 'FINISHED', source: 'API' } as const;
  const [{ id: serviceCaseId }] = await store.upsertServiceCases([serviceCase], T + 60);
  // Its phone rating link (printed on the receipt): only the token's hash is stored.
  const link = await store.ratingLink({ kind: 'SERVICE_CASE', unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId, createdAt: T + 70, createdBy: 'demo-s1' });
  await store.insertSystemToken({ id: 'tok-1', unitId: 'demo-unit', name: '业务系统', tokenHash: 'tok-hash-1', createdBy: 'demo-admin', createdAt: T, revokedAt: null, revokedBy: null, lastUsedAt: null });
  // An invitation (一次一评) for that 办件.
  const sc = (await store.findServiceCase('demo-unit', 'BJ-2026-001'))!;
  await store.createInvitation({
    id: INVITATION_ID, unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId: sc.id, caseNo: sc.caseNo, serviceItemId: 'demo-item-1', staffId: 'demo-s1',
    source: 'API', createdBy: 'tok-1', createdAt: T + 70, expiresAt: T + 70 + 180_000, answeredRatingId: null, answeredAt: null, cancelledAt: null,
  });
  // The office's submitted month (month close): its table and the signatures of its ratings, as submitted.
  const month = monthOfCst(T);
  const facts = await judgedMonthFacts(store, month, null, T + 80);
  await store.insertMonthClose({ id: uuidv7(T + 80), month, unitId: null, version: 1, submittedBy: 'demo-office', submittedAt: T + 80, generatedAt: T + 80, rows: countMonth(month, facts, T + 80).rows, signatures: signMonth(month, facts) });
  await store.close();
  return { bad, good, paper, event, linkToken: link.token, serviceCaseId };
}

async function migrate(dir: string, schema: string) {
  return run('npx', ['tsx', 'sync-server/store/migrate/migrate-store-cli.ts', '--from', `sqlite:${dir}`, '--to', PG_TEST_URL], {
    cwd: root,
    env: { ...process.env, HCP_CONTACT_KEY: PROVINCE_KEY.toString('base64'), DATABASE_SCHEMA: schema },
  });
}

const added = (stdout: string) =>
  Object.fromEntries(stdout.split('\n').filter((l) => l.includes(' added ')).map((l) => [l.split(/\s+/)[0], Number(l.trim().split(/\s+/).pop())]));

async function counts(store: Store) {
  return { ratings: await store.countRatings(), cases: (await store.listCases({ kind: 'all' })).length, audit: (await store.listAudit({ limit: 100 })).length };
}

describe('npm run migrate-store: a hall joins the province', () => {
  it('moves every rating, case, step, photo, audit entry and device, re-encrypted under the province key, and a second run adds nothing', async () => {
    const dir = tempDir('move-hall');
    const { bad, good, paper, event, linkToken, serviceCaseId } = await makeHall(dir);
    const schema = newTestSchema('hcp_move');
    const first = await migrate(dir, schema);
    expect(first.stdout).not.toContain('could not be rebuilt'); // every digest made again under the new key
    expect(added(first.stdout)).toMatchObject({ ratings: 3, cases: 2, case_events: 1, audit_log: 1, devices: 1, paper_checks: 1, rating_photos: 1, service_cases: 1, system_tokens: 1, rating_invitations: 1, rating_links: 1, comment_publications: 1, month_closes: 1 });

    const province = await openPostgresStore({ connectionString: PG_TEST_URL, schema, max: 2 }, new ContactCipher(PROVINCE_KEY));
    try {
      expect(await counts(province)).toEqual({ ratings: 3, cases: 2, audit: 1 });
      // Readable with the province's key only: contact, full comment, the photo.
      expect(await province.revealContact(bad.id)).toEqual(bad.contact);
      expect(await province.revealComment(bad.id)).toBe(bad.comment);
      // Consent, the unit's disclosure switch and the approval came along.
      const published = await province.getCommentForPublication(bad.id);
      expect(published).toMatchObject({ consent: true, disclosure: true, comment: bad.comment });
      expect(published?.decision).toEqual({ ratingId: bad.id, verdict: 'APPROVED', scrubbedText: '等了很久，电话 ＊＊＊', by: 'demo-s2', at: T + 45 });
      expect((await province.getRatingPhoto(paper.id))?.bytes.toString()).toBe('a photo of the form');
      expect((await province.getRating(good.id))?.level).toBe('VERY_SATISFIED');
      // The printed link still opens its 办件; asked for again, the link is made under the province's key.
      expect(await province.findRatingLink(linkToken)).toMatchObject({ kind: 'SERVICE_CASE', serviceCaseId, createdBy: 'demo-s1' });
      const again = await province.ratingLink({ kind: 'SERVICE_CASE', unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId, createdAt: T + 80, createdBy: 'demo-s1' });
      expect(again.token).not.toBe(linkToken);
      expect(await province.findRatingLink(again.token)).toMatchObject({ serviceCaseId });
      // The paper duplicate check and the case log work under the new key.
      expect((await province.findPaperRatings('QH-2026-077', paper.level, paper.contact)).map((r) => r.id)).toEqual([paper.id]);
      expect((await province.getCase(bad.id))?.events.map((e) => e.id)).toEqual([event.id]);
      // A tablet that still holds a moved rating sends it again: a duplicate, never a second copy.
      const replay = await province.insertRatings({
        deviceId: DEMO_DEVICE,
        receivedAt: Date.now(),
        clockOffsetMs: 0,
        items: [{ record: bad, hash: payloadHash(bad), opensCase: caseOnArrival(bad) }],
      });
      expect(replay).toEqual(['duplicate']);
      expect((await province.findDeviceByCredential('cred-1'))?.id).toBe('dev-hall-1');
      expect(await province.findServiceCase('demo-unit', 'BJ-2026-001')).toMatchObject({ status: 'FINISHED', staffId: 'demo-s1', receivedAt: T + 60 });
      expect((await province.findSystemTokenByHash('tok-hash-1'))?.id).toBe('tok-1');
      const close = (await province.getMonthClose(monthOfCst(T), null, 1))!;
      expect(close).toMatchObject({ version: 1, submittedBy: 'demo-office', submittedAt: T + 80 });
      expect(close.signatures.map((sig) => sig.id).sort()).toEqual([bad.id, good.id, paper.id].sort());
      expect(close.rows.find((r) => r.scope === 'all')?.total).toBe(3);
      expect(await province.getInvitation(INVITATION_ID)).toMatchObject({ caseNo: 'BJ-2026-001', source: 'API', createdAt: T + 70 });

      const second = await migrate(dir, schema);
      expect(Object.values(added(second.stdout)).every((n) => n === 0)).toBe(true);
      expect(await counts(province)).toEqual({ ratings: 3, cases: 2, audit: 1 });
    } finally {
      await province.close();
    }
  });

  it('refuses a hall whose 工号 belongs to another person in the province, and writes nothing', async () => {
    const schema = newTestSchema('hcp_move');
    const dirA = tempDir('move-a2');
    await makeHall(dirA, 'Q7001');
    await migrate(dirA, schema);
    // Another hall: its own ids, but 工号 Q7001 again.
    const dirB = tempDir('move-b');
    const { store } = await openStore(dirB, {});
    const seed = demoHall({ passwordHash: null, pinHash: null });
    const rename = (id: string) => id.replace('demo-', 'hall-b-');
    seed.units = seed.units.map((u) => ({ ...u, id: rename(u.id) }));
    seed.windows = seed.windows.map((w) => ({ ...w, id: rename(w.id), unitId: rename(w.unitId) }));
    seed.serviceItems = seed.serviceItems.map((s) => ({ ...s, id: rename(s.id), unitId: rename(s.unitId) }));
    seed.staff = seed.staff.map((s) => ({ ...s, id: rename(s.id), unitId: rename(s.unitId), windowId: s.windowId && rename(s.windowId), employeeNo: s.id === 'demo-s1' ? 'Q7001' : `B${s.employeeNo}` }));
    await store.settleServerMode(() => ({ mode: 'production' as const, seed }));
    await store.close();
    const province = await openPostgresStore({ connectionString: PG_TEST_URL, schema, max: 2 }, new ContactCipher(PROVINCE_KEY));
    try {
      const before = await province.loadCatalog();
      const refused = await migrate(dirB, schema).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(refused?.code).toBe(2);
      expect(refused?.stderr).toContain('Q7001');
      expect((await province.loadCatalog()).units).toEqual(before.units);
    } finally {
      await province.close();
    }
  });
});
