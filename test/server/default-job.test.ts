import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { endOfDayCst } from '../../src/domain/workdays';
import { uuidv7 } from '../../src/domain/ids';
import { runDefaultJob, type DefaultJobResult } from '../../sync-server/defaults/default-job';
import { ingestRatings } from '../../sync-server/ingest';
import { SERVER_DEFAULT_DEVICE_ID } from '../../sync-server/store/default-rating-rows';
import { supersedeDefaultsOn } from '../../sync-server/store/postgres/pg-default-ratings';
import { toRatingRow, RATING_COLUMNS } from '../../sync-server/store/rating-row';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import type { Store } from '../../sync-server/store/store';
import { cst, defaultsDb, finishedCase, type DefaultsDb } from '../support/default-ratings';
import { dropTestSchemas, PG_TEST_URL } from '../support/postgres';
import { DEMO_DEVICE, demoRating } from '../support/ratings';

// Issue 14, the default 满意: one default per finished 办件 whatever happens, a citizen rating made by the due
// instant wins in either order, WAITING without a calendar table; on a real SQLite data folder and on PostgreSQL.

afterAll(dropTestSchemas);

const job = (store: Store, asOf: number, now = Date.now()) => runDefaultJob(store, { asOf, now, runBy: { kind: 'server' } });
const cases = (r: DefaultJobResult) => r.made.map((m) => m.caseNo).sort();

/** A citizen rating of the 办件, made at `madeAt`, arriving at `arrivesAt` through the push path (ingest). */
async function citizenRates(store: Store, caseNo: string, madeAt: number, arrivesAt = Date.now(), extra: Parameters<typeof demoRating>[0] = {}) {
  const rating = demoRating({ caseNumber: caseNo, deviceTime: madeAt, ...extra }, madeAt);
  // The device clock is right: sentAt = arrival, so the rating time is the device time.
  const [result] = await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: arrivesAt, items: [rating] }, arrivesAt);
  expect(result.status).toBe('accepted');
  return rating.id;
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the default 满意 job (${kind})`, () => {
    let db: DefaultsDb;
    const opened: Store[] = [];
    const open = async () => {
      const s = await db.open();
      opened.push(s);
      return s;
    };
    const fresh = async () => {
      db = defaultsDb(kind);
      return open();
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('makes one default per due 办件 at its due instant (hidden-style dates), lists WAITING, leaves the rest', async () => {
      const store = await fresh();
      await store.upsertServiceCases([
        finishedCase('A-0930', cst('2025-09-30 10:00')),
        finishedCase('B-0213', cst('2026-02-13 23:30'), { staffId: null, windowId: 'demo-w2' }),
        finishedCase('C-0227', cst('2026-02-27 09:00')),
        finishedCase('D-1229', cst('2026-12-29 09:00')),
        finishedCase('E-open', cst('2026-01-05 09:00'), { status: 'IN_PROGRESS', finishedAt: null }),
        finishedCase('F-refused', cst('2026-01-05 09:00'), { status: 'NOT_ACCEPTED' }),
      ], Date.now());

      // At the due instant itself nothing is made: the citizen may still rate until 23:59:59.999.
      const early = await job(store, endOfDayCst('2026-02-27'));
      expect(cases(early)).toEqual(['A-0930']);
      const r = await job(store, endOfDayCst('2026-02-27') + 1);
      expect(cases(r)).toEqual(['B-0213']);
      expect(r.made[0]).toMatchObject({ dueDate: '2026-02-27', dueAt: endOfDayCst('2026-02-27'), windowId: 'demo-w2', staffId: null });
      expect(early.made[0]).toMatchObject({ dueDate: '2025-10-14', dueAt: endOfDayCst('2025-10-14'), windowId: 'demo-w1', staffId: 'demo-s1' });

      const stored = await store.getRating(early.made[0].id);
      expect(stored).toMatchObject({
        level: 'SATISFIED', channel: 'DEFAULT', reasons: [], unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1',
        caseNumber: 'A-0930', deviceId: SERVER_DEFAULT_DEVICE_ID, ratedAt: endOfDayCst('2025-10-14'), clockOffsetMs: 0,
      });
      expect(await store.getCase(early.made[0].id)).toBeNull(); // a default never opens a bad-review case

      // 2026-12-29 + 5 working days runs into 2027, which has no table: listed as waiting, never guessed.
      const later = await job(store, cst('2027-01-20 00:00'));
      expect(cases(later)).toEqual(['C-0227']);
      expect(later.waiting).toEqual([
        expect.objectContaining({ caseNo: 'D-1229', finishDate: '2026-12-29', missingYears: [2027], estimate: '2027-01-05' }),
      ]);
      expect((await db.defaults()).map((d) => d.case_number)).toEqual(['A-0930', 'B-0213', 'C-0227']);

      // The table arrives: the next run makes it.
      await store.putCalendarYear({ year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'test table' }, null, Date.now());
      const withTable = await job(store, cst('2027-01-20 00:00'));
      expect(withTable.made).toEqual([expect.objectContaining({ caseNo: 'D-1229', dueDate: '2027-01-06' })]);
      expect(withTable.waiting).toEqual([]);
      expect((await job(store, cst('2027-01-20 00:00'))).counts).toMatchObject({ made: 0, candidates: 0, superseded: 0 });

      const audits = (await store.listAudit({ limit: 20 })).filter((a) => a.action === 'ratings.default');
      expect(audits.map((a) => a.detail?.made)).toEqual([1, 1, 1, 1]); // runs that made nothing leave no entry
    });

    it('run twice at once, by one instance and by two, and again after a restart: one default each', async () => {
      const first = await fresh();
      const finished = cst('2026-03-02 10:00');
      await first.upsertServiceCases(Array.from({ length: 300 }, (_, i) => finishedCase(`P-${String(i).padStart(4, '0')}`, finished + i * 1000)), Date.now());
      const second = await open();
      const asOf = cst('2026-04-01 00:00');
      const runs = await Promise.all([job(first, asOf), job(first, asOf), job(second, asOf)]);
      expect(runs.reduce((n, r) => n + r.counts.made, 0)).toBe(300);
      expect(new Set(runs.flatMap((r) => r.made.map((m) => m.caseNo))).size).toBe(300);

      // A restart: every store closed, a new one opened on the same database, the job again.
      for (const s of opened.splice(0)) await s.close();
      const restarted = await open();
      expect((await job(restarted, asOf)).counts).toMatchObject({ made: 0, candidates: 0 });
      const rows = await db.defaults();
      expect(rows).toHaveLength(300);
      expect(new Set(rows.map((r) => r.case_number)).size).toBe(300);
    });

    it('a citizen rating made by the due instant stops the default; one made after it does not (a 追评 follows)', async () => {
      const store = await fresh();
      await store.upsertServiceCases([
        finishedCase('R-early', cst('2026-02-13 10:00')),
        finishedCase('R-last-ms', cst('2026-02-13 10:00')),
        finishedCase('R-after', cst('2026-02-13 10:00')),
        finishedCase('R-paper', cst('2026-02-13 10:00')),
      ], Date.now());
      await citizenRates(store, 'R-early', cst('2026-02-14 09:00'));
      await citizenRates(store, 'R-last-ms', endOfDayCst('2026-02-27'));
      await citizenRates(store, 'R-after', endOfDayCst('2026-02-27') + 1);
      // A paper form counts once checked: unchecked, it stops nothing.
      await store.insertRatings({
        deviceId: DEMO_DEVICE, receivedAt: Date.now(), clockOffsetMs: 0,
        items: [{ record: paperRating('R-paper', cst('2026-02-20 09:00')), hash: 'h-paper', opensCase: null }],
      });
      const r = await job(store, cst('2026-03-01 00:00'));
      expect(cases(r)).toEqual(['R-after', 'R-paper']);
      expect(r.counts.ratedByCitizen).toBe(1); // R-last-ms: rated after the safe bound, decided by the due date
      expect(r.counts.candidates).toBe(3); // R-early was rated within five days: no candidate at all
    });

    it('a citizen rating that arrives late but was made before the due instant supersedes the default in its own transaction', async () => {
      const store = await fresh();
      await store.upsertServiceCases([finishedCase('L-1', cst('2026-02-13 10:00')), finishedCase('L-2', cst('2026-02-13 10:00'))], Date.now());
      const r = await job(store, cst('2026-03-09 00:00'));
      expect(cases(r)).toEqual(['L-1', 'L-2']);
      const defaultOf = (c: string) => r.made.find((m) => m.caseNo === c)!.id;

      // A kiosk offline for a week: made on the 27th, arriving on 9 March.
      const arrival = cst('2026-03-09 08:00');
      const late = await citizenRates(store, 'L-1', cst('2026-02-27 16:00'), arrival);
      // Made after the due instant: a 追评, the default stays.
      await citizenRates(store, 'L-2', cst('2026-02-28 09:00'), arrival);
      const rows = await db.defaults();
      expect(rows.find((d) => d.case_number === 'L-1')).toMatchObject({ id: defaultOf('L-1'), superseded_at: arrival, superseded_by: late });
      expect(rows.find((d) => d.case_number === 'L-2')).toMatchObject({ superseded_at: null, superseded_by: null });

      // Kept, no longer counted: gone from the export and the lists, still stored.
      const exported = (await store.listRatings(0, 100)).map((x) => x.id);
      expect(exported).not.toContain(defaultOf('L-1'));
      expect(exported).toContain(defaultOf('L-2'));
      expect(await store.getRating(defaultOf('L-1'))).not.toBeNull();
      expect((await store.listRatingsInScope({ kind: 'all' }, { limit: 100 })).map((x) => x.id)).not.toContain(defaultOf('L-1'));
      // The job does not make it again.
      expect((await job(store, cst('2026-03-10 00:00'))).counts).toMatchObject({ made: 0, superseded: 0 });
    });

    it('a 办件编号 a database may not hold (NUL) still meets its late citizen rating; a device may not send channel DEFAULT', async () => {
      const store = await fresh();
      await store.upsertServiceCases([finishedCase('N\u0000UL', cst('2026-02-13 10:00'))], Date.now());
      const r = await job(store, cst('2026-03-09 00:00'));
      expect(r.counts.made).toBe(1);
      const late = await citizenRates(store, 'N\u0000UL', cst('2026-02-20 16:00'), cst('2026-03-09 08:00'));
      expect((await db.defaults())[0]).toMatchObject({ id: r.made[0].id, superseded_by: late });

      // A forged default from a kiosk would take the 办件's one default slot: refused, nothing stored.
      await store.upsertServiceCases([finishedCase('FORGED', cst('2026-02-13 10:00'))], Date.now());
      const forged = demoRating({ channel: 'DEFAULT', caseNumber: 'FORGED' });
      const [answer] = await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [forged] }, Date.now());
      expect(answer).toMatchObject({ status: 'invalid', error: { code: 'VALIDATION_FAILED' } });
      expect(await store.getRating(forged.id)).toBeNull();
      expect(cases(await job(store, cst('2026-03-09 00:00')))).toEqual(['FORGED']);
    });

    it('the sweep: a paper form checked after its default supersedes it on the next run (audited)', async () => {
      const store = await fresh();
      await store.upsertServiceCases([finishedCase('S-paper', cst('2026-02-13 10:00'))], Date.now());
      const paper = paperRating('S-paper', cst('2026-02-20 09:00'));
      await store.insertRatings({ deviceId: DEMO_DEVICE, receivedAt: Date.now(), clockOffsetMs: 0, items: [{ record: paper, hash: 'h-p', opensCase: null }] });
      const made = await job(store, cst('2026-03-01 00:00'));
      expect(cases(made)).toEqual(['S-paper']);
      await store.confirmPaperCheck(paper.id, 'demo-s1', Date.now(), null);
      const swept = await job(store, cst('2026-03-01 00:10'), 1_900_000_000_000);
      expect(swept.superseded).toEqual([{ id: made.made[0].id, supersededBy: paper.id, unitId: 'demo-unit', caseNumber: 'S-paper' }]);
      expect((await db.defaults())[0]).toMatchObject({ superseded_at: 1_900_000_000_000, superseded_by: paper.id });
      const audit = (await store.listAudit({ limit: 5 })).find((a) => a.action === 'ratings.default');
      expect(audit?.detail).toMatchObject({ superseded: 1, made: 0, runBy: 'server' });
    });

    if (kind === 'postgres') {
      it('repairs the READ COMMITTED race: a citizen rating committed while its default was being made is marked by the next run', async () => {
        const store = await fresh();
        await store.upsertServiceCases([finishedCase('X-race', cst('2026-02-13 10:00'))], Date.now());
        // The ingest transaction as pg-ratings.ts runs it, held open across the job: its rating row and its hook.
        const client = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${db.env.DATABASE_SCHEMA}` });
        await client.connect();
        try {
          const cipher = new ContactCipher(randomBytes(32));
          const record = demoRating({ caseNumber: 'X-race', deviceTime: cst('2026-02-20 09:00') }, cst('2026-02-20 09:00'));
          const row = toRatingRow(record, cipher.fingerprint('x'), { deviceId: DEMO_DEVICE, receivedAt: Date.now(), clockOffsetMs: 0, items: [] }, cipher);
          await client.query('BEGIN');
          await client.query(`INSERT INTO ratings (${RATING_COLUMNS.join(', ')}) VALUES (${RATING_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, RATING_COLUMNS.map((c) => row[c]));
          const q = { query: async (sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows };
          await supersedeDefaultsOn(q, [row], Date.now()); // sees no default yet
          const during = await job(store, cst('2026-03-01 00:00')); // sees no citizen rating yet
          expect(cases(during)).toEqual(['X-race']);
          await client.query('COMMIT');
          expect((await db.defaults())[0]).toMatchObject({ superseded_at: null });
          const next = await job(store, cst('2026-03-01 00:10'));
          expect(next.superseded).toEqual([expect.objectContaining({ id: during.made[0].id, supersededBy: record.id })]);
        } finally {
          await client.end();
        }
      });
    }
  });
}

/** A paper form (Attachment 1) about the 办件, typed in by 王芳 (demo-s2) for 李明 (demo-s1). */
function paperRating(caseNo: string, madeAt: number) {
  return demoRating({
    id: uuidv7(madeAt),
    channel: 'PAPER',
    caseNumber: caseNo,
    deviceTime: madeAt,
    paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-02-20', enteredBy: 'demo-s2', hasPhoto: false },
  });
}
