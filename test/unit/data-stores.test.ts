import { beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { clearOnDuty, readOnDuty, readPinFailures, saveOnDuty, savePinFailures } from '../../src/data/on-duty-store';
import { discardPaperDraft, readDraftPhoto, readPaperDraft, saveDraftPhoto, savePaperDraft } from '../../src/data/paper-draft';
import { readPaperFormConfig, readPaperQueue } from '../../src/data/paper-queue';
import { cacheCases, cacheMe, cacheRatings, clearPersonalData, readCachedCases, readCachedMe, readCachedRatings, readCasesSeen, saveCasesSeen } from '../../src/data/session-cache';
import { EMPTY_PAPER_FORM } from '../../src/domain/paper-form';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import { freshDb } from '../support/kiosk-fixtures';

let db: KioskDatabase;
beforeEach(async () => {
  db = await freshDb();
});

const me = { id: 'u1', unitId: 'unit-1' } as Me;
const blob = () => new Blob(['photo'], { type: 'image/jpeg' });

describe('the session cache (src/data/session-cache.ts)', () => {
  it('gives a cached list back only to the person it was fetched for', async () => {
    // Empty lists of the shape the routes answer (a cached list is read back only when it still has that shape).
    const refs = { reasons: [], windows: [], staff: [] };
    await cacheRatings(db, 'u1', { items: [], refs, nextBefore: null }, 5);
    await cacheCases(db, 'u1', { cases: [], refs, calendar: [], approvers: [], rules: { specialDeadlineMaxDays: 30, clockSkewMs: 0 }, serverTime: 0 }, 6);
    expect(await readCachedRatings(db, 'u1')).toMatchObject({ fetchedAt: 5 });
    expect(await readCachedRatings(db, 'u2')).toBeUndefined();
    expect(await readCachedCases(db, 'u1')).toMatchObject({ fetchedAt: 6 });
    expect(await readCachedCases(db, 'u2')).toBeUndefined();
    await saveCasesSeen(db, 'u1', 42);
    expect(await readCasesSeen(db, 'u1')).toBe(42);
    expect(await readCasesSeen(db, 'u2')).toBe(0);
  });

  it('forgets the person, their lists and their draft at sign-out, and nothing of the kiosk', async () => {
    await cacheMe(db, me);
    await cacheRatings(db, 'u1', { items: [] } as never);
    await savePaperDraft(db, 'u1', EMPTY_PAPER_FORM);
    await saveDraftPhoto(db, 'u1', blob());
    await saveOnDuty(db, { staffId: 's1', since: 0, until: 10 });
    await clearPersonalData(db);
    expect(await readCachedMe(db)).toBeUndefined();
    expect(await readCachedRatings(db, 'u1')).toBeUndefined();
    expect(await readPaperDraft(db, 'u1')).toBeUndefined();
    expect(await readDraftPhoto(db, 'u1')).toBeUndefined();
    expect(await readOnDuty(db)).toEqual({ staffId: 's1', since: 0, until: 10 });
  });
});

describe('paper drafts and the paper queue', () => {
  it('keep a draft photo apart from the photos waiting for upload, and discard values and photo together', async () => {
    await savePaperDraft(db, 'u1', EMPTY_PAPER_FORM);
    await saveDraftPhoto(db, 'u1', blob());
    await db.photos.put({ id: 'rating-1', blob: blob(), state: 'waiting', createdAt: 1 });
    expect(await readPaperQueue(db)).toMatchObject({ forms: 0, held: 0, photos: 1 });
    expect(await readDraftPhoto(db, 'u1')).toBeInstanceOf(Blob);
    await saveDraftPhoto(db, 'u1', null);
    expect(await readDraftPhoto(db, 'u1')).toBeUndefined();
    await saveDraftPhoto(db, 'u1', blob());
    await discardPaperDraft(db, 'u1');
    expect(await readPaperDraft(db, 'u1')).toBeUndefined();
    expect(await readDraftPhoto(db, 'u1')).toBeUndefined();
    expect(await readPaperQueue(db)).toMatchObject({ photos: 1 });
  });

  it('read the saved form catalogue only for its own unit', async () => {
    await setMeta(db, 'paperFormConfig', { unit: { id: 'unit-1' } } as PaperFormConfig);
    expect(await readPaperFormConfig(db, 'unit-1')).toBeDefined();
    expect(await readPaperFormConfig(db, 'unit-2')).toBeUndefined();
  });
});

describe('on duty and PIN failures', () => {
  it('are kept and cleared', async () => {
    expect(await readPinFailures(db)).toEqual({});
    await savePinFailures(db, { s1: { count: 2, lockedUntil: 0 } });
    expect(await readPinFailures(db)).toEqual({ s1: { count: 2, lockedUntil: 0 } });
    await saveOnDuty(db, { staffId: 's1', since: 1, until: 2 });
    await clearOnDuty(db);
    expect(await readOnDuty(db)).toBeUndefined();
  });
});
