import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { XLSX_LAYOUT } from '../../sync-server/figures/attachment2-xlsx';
import { uuidv7 } from '../../src/domain/ids';
import type { LevelKey } from '../../src/domain/levels';
import type { RatingRecord } from '../../src/domain/rating';
import { payloadHash } from '../../sync-server/canonical';
import { caseOnArrival } from '../../sync-server/store/rules/case-opening';
import { defaultsDb } from '../support/default-ratings';
import { dropTestSchemas } from '../support/postgres';
import { tempDir } from '../support/server';

// `npm run -s report -- attachment2 --month … --format json|csv` (issue 15) on DATA_DIR or DATABASE_URL.

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
afterAll(dropTestSchemas);

async function report(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/figures/report-cli.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const rec = (at: number, level: LevelKey, windowId: string, staffId?: string): RatingRecord => ({
  id: uuidv7(at), v: 1, level, reasons: level === 'VERY_DISSATISFIED' ? ['ATTITUDE'] : [], channel: 'HALL_TABLET', unitId: 'demo-unit', windowId,
  ...(staffId ? { staffId } : {}), deviceId: 'k1', deviceTime: at, locale: 'zh-CN', ...(level === 'VERY_DISSATISFIED' ? { contact: { phone: '13800138000' } } : {}),
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`npm run report (${kind})`, () => {
    it('prints the month as JSON and as CSV with a BOM and Chinese headers; refuses bad arguments with exit 2', async () => {
      const db = defaultsDb(kind);
      const store = await db.open();
      const oct = Date.parse('2026-10-01T00:00:00+08:00');
      const records = [rec(oct, 'VERY_SATISFIED', 'demo-w1', 'demo-s1'), rec(oct + 60_000, 'VERY_DISSATISFIED', 'demo-w1', 'demo-s1'), rec(oct - 1, 'SATISFIED', 'demo-w2'), rec(oct + 3_600_000, 'BASICALLY_SATISFIED', 'demo-w2')];
      await store.insertRatings({ deviceId: 'k1', receivedAt: oct + 7_200_000, clockOffsetMs: 0, items: records.map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) })) });
      await store.close();

      const json = await report(db.env, 'attachment2', '--month', '2026-10');
      expect(json.code, json.err).toBe(0);
      const table = JSON.parse(json.out);
      expect(table.month).toBe('2026-10');
      expect(typeof table.generatedAt).toBe('number');
      expect(table.rows.map((r: { scope: string; windowId: string | null; staffId: string | null }) => [r.scope, r.windowId, r.staffId])).toEqual([
        ['all', null, null], ['unit', null, null], ['window', 'demo-w1', null], ['window', 'demo-w2', null], ['staff', null, 'demo-s1'],
      ]);
      expect(table.rows[0]).toMatchObject({ total: 3, satisfied: 2, bad: 1, badAdopted: 1, realNameBad: 1, calledBack: 0, overdue: 1, byLevel: { VERY_DISSATISFIED: 1 }, byChannel: { HALL_TABLET: 3 } });
      expect(table.rows[0].rates.satisfaction).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
      expect(table.rows[0].rates.callBackRate.percent).toBe(0);
      expect(table.rows[3].rates.callBackRate).toEqual({ numerator: 0, denominator: 0, percent: null });

      const out = path.join(tempDir('report-out'), 'a2.csv');
      const csv = await report(db.env, 'attachment2', '--month', '2026-10', '--unit', 'demo-unit', '--format', 'csv', '--output', out);
      expect(csv.code, csv.err).toBe(0);
      expect(csv.out).toBe('');
      const text = fs.readFileSync(out, 'utf8');
      expect(text.startsWith('\uFEFF统计范围,单位编号,单位名称,')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(6);
      const header = lines[0]!.split(',');
      const cell = (line: number, name: string) => lines[line]!.split(',')[header.indexOf(name)];
      expect(cell(1, '统计范围')).toBe('合计');
      expect(cell(1, '评价总数')).toBe('3');
      expect(cell(1, '满意率（%）')).toBe('66.67');
      expect(cell(4, '回访率（%）')).toBe('—');
      expect(cell(5, '工作人员编号')).toBe('demo-s1');
      expect(cell(5, '工作人员姓名')).not.toBe('');

      // The printable form: the same figures as numbers in the XLSX (its layout: test/unit/attachment2-xlsx.test.ts).
      const xlsxOut = path.join(tempDir('report-out'), 'a2.xlsx');
      const xlsx = await report(db.env, 'attachment2', '--month', '2026-10', '--format', 'xlsx', '--output', xlsxOut);
      expect(xlsx.code, xlsx.err).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(xlsxOut) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value).toBe('评价数据统计表');
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, 5).value).toBe(3);

      const september = JSON.parse((await report(db.env, 'attachment2', '--month', '2026-09')).out);
      expect(september.rows[0]).toMatchObject({ total: 1, byLevel: { SATISFIED: 1 } });

      for (const bad of [['attachment2', '--month', '2026-13'], ['attachment2'], ['attachment3', '--month', '2026-10'], ['attachment2', '--month', '2026-10', '--format', 'xml'], ['attachment2', '--month', '2026-10', '--unit', 'nope']]) {
        const r = await report(db.env, ...bad);
        expect(r.code, bad.join(' ')).toBe(2);
        expect(r.out).toBe('');
      }
      const missing = await report({ ...db.env, DATABASE_URL: '', DATA_DIR: tempDir('report-none') }, 'attachment2', '--month', '2026-10');
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('no database in');
    }, 60_000);
  });
}
