import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// The administrator uploads a hall business system's 办件 export on /admin in real Chromium against the built app:
// the preview shows the refused line with its error, the import writes the others, the counts show, and the 办件
// are in the server's database.

let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-sci');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** The server's rows as anyone holding the file sees them (WAL lets a reader sit beside the running server). */
function stored(sql: string): Record<string, unknown>[] {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('the administrator imports 办件 from a CSV export', () => {
  it('sees the preview with the error on the bad line, imports, sees the counts; the 办件 are stored', async () => {
    const file = path.join(tempDir('e2e-sci-file'), '办件导出.csv');
    fs.writeFileSync(
      file,
      '\uFEFF办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态\r\n' +
        'E2E-1,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理\r\n' +
        'E2E-2,DEMO-002,2,D1001,2026-11-30 09:10:00,2026-11-30 10:00:00,法人,办结\r\n' +
        'E2E-3,DEMO-001,1,D1001,2026-11-30 25:00:00,,个人,受理\r\n',
    );
    const { context, page } = await openProfile(tempDir('e2e-sci-profile'));
    const violations = await watchCsp(page);
    await signInOnPage(page, server.baseUrl + '/admin#serviceCases', 'D9000');
    await page.getByTestId('import-unit').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);

    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await expect(preview.getByRole('heading').textContent()).resolves.toBe('办件导出.csv 预览：尚未保存');
    const bad = page.getByTestId('import-line-4');
    await expect(bad.getByTestId('import-outcome').textContent()).resolves.toBe('拒绝');
    // Its column, the message in the page's language, its code.
    await expect(bad.getByTestId('import-error').textContent()).resolves.toBe('受理时间: “2026-11-30 25:00:00”不是有效时间，应为 YYYY-MM-DD HH:mm:ss（北京时间）或 ISO 8601。 BAD_TIME');
    await expect(page.getByTestId('import-line-2').getByTestId('import-outcome').textContent()).resolves.toBe('将新增');
    await expect(page.getByTestId('import-line-2').getByTestId('import-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('import-count-added').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('import-count-refused').textContent()).resolves.toBe('1');
    // The preview wrote nothing.
    expect(stored("SELECT case_no FROM service_cases WHERE case_no LIKE 'E2E-%'")).toEqual([]);

    // Every control of the tab is a touch target of 44×44 CSS px at least.
    for (const target of [page.getByTestId('import-unit'), page.locator('label.file-button'), page.getByTestId('import-write'), page.locator('label.import-filter'), page.getByTestId('import-reset')]) {
      const box = (await target.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }

    await page.getByTestId('import-write').click();
    const done = page.getByTestId('import-done');
    await done.waitFor();
    await expect(done.getByRole('heading').textContent()).resolves.toBe('办件导出.csv 已导入');
    await expect(page.getByTestId('import-count-added').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('import-count-updated').textContent()).resolves.toBe('0');
    await expect(page.getByTestId('import-count-unchanged').textContent()).resolves.toBe('0');
    await expect(page.getByTestId('import-count-refused').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('import-line-3').getByTestId('import-outcome').textContent()).resolves.toBe('已新增');

    expect(stored("SELECT case_no, unit_id, window_id, staff_id, status, source FROM service_cases WHERE case_no LIKE 'E2E-%' ORDER BY case_no")).toEqual([
      { case_no: 'E2E-1', unit_id: 'demo-unit', window_id: 'demo-w1', staff_id: 'demo-s1', status: 'ACCEPTED', source: 'IMPORT' },
      { case_no: 'E2E-2', unit_id: 'demo-unit', window_id: 'demo-w2', staff_id: 'demo-s1', status: 'FINISHED', source: 'IMPORT' },
    ]);
    const audit = stored("SELECT actor_id, detail_json FROM audit_log WHERE action = 'service-cases.import'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail_json as string)).toMatchObject({ file: '办件导出.csv', added: 2, refused: 1 });

    // The same file again: nothing left to import.
    await page.getByTestId('import-reset').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    await expect(page.getByTestId('import-count-unchanged').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('import-write').isDisabled()).resolves.toBe(true);

    expect(await violations()).toEqual([]);
    await context.close();
  });
});
