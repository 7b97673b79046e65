import { describe, expect, it } from 'vitest';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { loadContactKey } from '../../sync-server/crypto/contact-key';
import { accountChangeShownToKiosks } from '../../sync-server/store/rules/catalog-version';
import { caseOnArrival, caseOnPaperCheck } from '../../sync-server/store/rules/case-opening';
import { openStore } from '../../sync-server/store/open-store';
import { openSqliteDatabase } from '../../sync-server/store/sqlite/open-sqlite';
import { badRating, demoRating } from '../support/ratings';
import { tempDir } from '../support/server';
import { paperForm } from './store-contract/fixture';

describe('the rules above the store', () => {
  it('opens a case for a bad review as it arrives, anonymous without a phone; a paper form waits for its check', () => {
    expect(caseOnArrival(badRating())).toEqual({ anonymous: false });
    expect(caseOnArrival(badRating({ level: 'VERY_DISSATISFIED', contact: { name: '张三' } }))).toEqual({ anonymous: true });
    expect(caseOnArrival(badRating({ contact: undefined }))).toEqual({ anonymous: true });
    expect(caseOnArrival(demoRating({ level: 'BASICALLY_SATISFIED' }))).toBeNull();
    expect(caseOnArrival(paperForm(badRating()))).toBeNull();
    expect(caseOnPaperCheck({ level: 'DISSATISFIED', contact: { name: '张*', phone: '138****5678' } })).toEqual({ anonymous: false });
    expect(caseOnPaperCheck({ level: 'DISSATISFIED', contact: null })).toEqual({ anonymous: true });
    expect(caseOnPaperCheck({ level: 'SATISFIED', contact: null })).toBeNull();
  });

  it('names the account changes a kiosk shows or checks', () => {
    for (const p of [{ name: 'x' }, { unitId: 'u' }, { windowId: null }, { roles: [] }, { active: false }, { pinHash: 'p' }]) expect(accountChangeShownToKiosks(p)).toBe(true);
    for (const p of [{}, { passwordHash: 'p' }, { failedSignIns: 1, lockedUntil: 5 }, { mustChangePassword: true }]) expect(accountChangeShownToKiosks(p)).toBe(false);
  });
});

describe('migration 13 drops the catalogue-version triggers', () => {
  it('keeps the version the triggers reached, and the store moves it from there', async () => {
    const dir = tempDir('migrate-13');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const before = openSqliteDatabase(dir, cipher, 12);
    before.exec(`INSERT INTO units (id, name_json) VALUES ('u', '{"zh-CN":"单位","en":"Unit","bo":"ཚན་པ།"}');
      INSERT INTO windows (id, unit_id, number, name_json) VALUES ('w', 'u', '1', '{"zh-CN":"窗口","en":"W","bo":"སྒེའུ་ཁུང་།"}');`);
    const reached = before.prepare('SELECT version FROM catalog_version').pluck().get() as number;
    expect(reached).toBe(3);
    before.close();

    const after = openSqliteDatabase(dir, cipher);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()).toEqual([]);
    after.close();
    const { store } = await openStore(dir, {});
    expect(await store.catalogVersion()).toBe(reached);
    await store.updateWindow('w', { number: '2' });
    expect(await store.catalogVersion()).toBe(reached + 1);
    await store.close();
  });
});
