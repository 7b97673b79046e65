import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultRatingDueForDate } from '../../src/domain/default-rating';
import { RatingRecordSchema } from '../../src/domain/rating';
import { addDays, dateSpan, endOfDayCst, makeCalendar, startOfDayCst } from '../../src/domain/workdays';
import { cstDate } from '../../src/domain/time';
import { PUBLISHED_CALENDAR_YEARS } from '../../src/domain/calendar-data';
import { payloadHash } from '../../sync-server/canonical';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { decideCandidate } from '../../sync-server/defaults/default-job';
import { defaultRatingRecord, defaultRatingRow, maySupersede, SERVER_DEFAULT_DEVICE_ID, surelyBeforeDueSql } from '../../sync-server/store/default-rating-rows';

// The pure parts of the default 满意 job (issue 14): what it does with a candidate, and the default's record.

const calendar = makeCalendar(PUBLISHED_CALENDAR_YEARS);
const due0213 = defaultRatingDueForDate('2026-02-13', calendar);
const dueAt = endOfDayCst('2026-02-27');

describe('decideCandidate', () => {
  it('makes the default once the due instant has passed, not at it', () => {
    expect(due0213).toMatchObject({ state: 'KNOWN', date: '2026-02-27', dueAtMs: dueAt });
    expect(decideCandidate({ citizenRatedAt: null }, due0213, dueAt)).toBe('not-yet-due');
    expect(decideCandidate({ citizenRatedAt: null }, due0213, dueAt + 1)).toBe('make');
  });

  it('a citizen rating made up to the due instant wins; one made after it leaves the default to be made', () => {
    expect(decideCandidate({ citizenRatedAt: dueAt }, due0213, dueAt + 1)).toBe('rated-by-citizen');
    expect(decideCandidate({ citizenRatedAt: dueAt + 1 }, due0213, dueAt + 2)).toBe('make');
    // Decided by the rating time even before the due instant passes: nothing will be needed.
    expect(decideCandidate({ citizenRatedAt: startOfDayCst('2026-02-20') }, due0213, startOfDayCst('2026-02-21'))).toBe('rated-by-citizen');
  });

  it('waits, whatever the as-of time, when the count runs into a year without a table', () => {
    const waiting = defaultRatingDueForDate('2026-12-29', calendar);
    expect(waiting).toMatchObject({ state: 'WAITING', missingYears: [2027] });
    expect(decideCandidate({ citizenRatedAt: null }, waiting, endOfDayCst('2030-01-01'))).toBe('waiting');
  });
});

describe('the default rating record', () => {
  const d = { id: '0193aaaa-0000-7000-8000-000000000001', unitId: 'demo-unit', caseNo: 'BJ-1', windowId: 'demo-w1', staffId: null, dueAt };

  it('is a valid rating (满意, channel DEFAULT, the server pseudo device) whose digest is that of its parsed form', () => {
    const record = defaultRatingRecord(d);
    const parsed = RatingRecordSchema.parse(record);
    expect(parsed).toMatchObject({ level: 'SATISFIED', channel: 'DEFAULT', deviceId: SERVER_DEFAULT_DEVICE_ID, deviceTime: dueAt, caseNumber: 'BJ-1' });
    expect(parsed).not.toHaveProperty('staffId');
    // The same digest as a record the push route parsed: a store move (rekey-rating.ts) can rebuild it.
    expect(payloadHash(record)).toBe(payloadHash(parsed));
    expect(payloadHash(defaultRatingRecord({ ...d, staffId: 'demo-s1' }))).toBe(payloadHash(RatingRecordSchema.parse(defaultRatingRecord({ ...d, staffId: 'demo-s1' }))));
  });

  it('is stored rated at the due instant with no clock offset, its digest keyed', () => {
    const cipher = new ContactCipher(randomBytes(32));
    const row = defaultRatingRow(d, 1_800_000_000_000, cipher);
    expect(row).toMatchObject({ rated_at: dueAt, device_time: dueAt, clock_offset_ms: 0, received_at: 1_800_000_000_000, channel: 'DEFAULT', case_number: 'BJ-1', staff_id: null });
    expect(row.payload_hash).toBe(cipher.fingerprint(payloadHash(defaultRatingRecord(d))));
  });

  it('only a stored citizen rating with a 办件编号 can supersede at ingest (not a default, not an unchecked paper form)', () => {
    expect(maySupersede({ case_number: 'BJ-1', channel: 'HALL_TABLET' })).toBe(true);
    expect(maySupersede({ case_number: 'BJ-1', channel: 'QR' })).toBe(true);
    expect(maySupersede({ case_number: null, channel: 'HALL_TABLET' })).toBe(false);
    expect(maySupersede({ case_number: 'BJ-1', channel: 'DEFAULT' })).toBe(false);
    expect(maySupersede({ case_number: 'BJ-1', channel: 'PAPER' })).toBe(false);
  });
});

describe('the candidates’ safe bound (surelyBeforeDueSql)', () => {
  it('is the end of the 5th calendar day after the finish date in China, never after the due instant (every date of 2025–2026)', () => {
    const db = new Database(':memory:');
    const bound = db.prepare(`SELECT ${surelyBeforeDueSql('?')} AS v`).pluck();
    try {
      for (const date of dateSpan('2025-01-01', '2026-12-20')) {
        const due = defaultRatingDueForDate(date, calendar);
        // The first and the last millisecond of the day in China, and 08:00 (midnight UTC).
        for (const t of [startOfDayCst(date), startOfDayCst(date) + 8 * 3_600_000, endOfDayCst(date)]) {
          expect(cstDate(t)).toBe(date);
          expect(bound.get(t), date).toBe(endOfDayCst(addDays(date, 5)));
        }
        if (due.state === 'KNOWN') expect(endOfDayCst(addDays(date, 5))).toBeLessThanOrEqual(due.dueAtMs);
      }
    } finally {
      db.close();
    }
  });
});
