import { describe, expect, it } from 'vitest';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { loadContactKey } from '../../sync-server/crypto/contact-key';
import { openStore } from '../../sync-server/store/open-store';
import { openSqliteDatabase } from '../../sync-server/store/sqlite/open-sqlite';
import { tempDir } from '../support/server';

describe('migration 10 gives paper forms their check', () => {
  it('counts a form stored with a checker as checked by them, and makes one stored without a checker wait', async () => {
    const dir = tempDir('migrate-10');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const before = openSqliteDatabase(dir, cipher, 9);
    before.exec(`INSERT INTO units (id, name_json) VALUES ('u', '{"zh-CN":"单位","en":"Unit","bo":"ཚན་པ།"}');
      INSERT INTO windows (id, unit_id, number, name_json) VALUES ('w', 'u', '1', '{"zh-CN":"窗口","en":"W","bo":"སྒེའུ་ཁུང་།"}');`);
    const insert = before.prepare(
      `INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, channel, unit_id, window_id, staff_id, device_id, device_time,
       rated_at, clock_offset_ms, received_at, locale, case_number, service_item_id, service_date, entered_by, checked_by, has_photo)
       VALUES (?, 'h', 1, 'SATISFIED', '[]', 'PAPER', 'u', 'w', 's1', 'd', 1, 1, 0, ?, 'zh-CN', 'QH-1', 'i', '2026-11-20', 's2', ?, 0)`,
    );
    const checked = '01900000-0000-7000-8000-000000000001';
    const unchecked = '01900000-0000-7000-8000-000000000002';
    insert.run(checked, 1000, 's3');
    insert.run(unchecked, 2000, null);
    before.close();

    const { store } = await openStore(dir, {});
    expect((await store.listRatings(0, 10)).map((r) => [r.id, r.paper?.checkedBy])).toEqual([[checked, 's3']]);
    expect((await store.listUncheckedPaper({ windowId: 'w' }, 10)).map((r) => r.id)).toEqual([unchecked]);
    expect(await store.confirmPaperCheck(checked, 's4', 5000, null)).toEqual({ outcome: 'already', checkedBy: 's3', checkedAt: 1000 });
    await store.close();
  });
});
