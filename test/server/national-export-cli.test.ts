import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { ingestRatings } from '../../sync-server/ingest';
import type { Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { openDemoStore, tempDir } from '../support/server';

/** Issue 15: the national (GB/T 39046) and provincial layouts of `npm run export`, on a real SQLite file and PostgreSQL. */
const root = fileURLToPath(new URL('../..', import.meta.url));
afterAll(dropTestSchemas);

const DAY = 86_400_000;
const now = Date.now();
const CASE_A = 'DEMO-2026-0001';
const CASE_B = 'DEMO-2026-0002';
// Arrival order is the export's order: the uninvited rating, then 办件 A's three, then 办件 B's two.
const uninvited = demoRating({ level: 'VERY_SATISFIED', comment: '很好，电话 139 1234 5678' }, now - 4 * DAY);
const a1 = badRating({ caseNumber: CASE_A, level: 'VERY_DISSATISFIED', comment: '我是张三' }, now - 3 * DAY);
const a2 = demoRating({ caseNumber: CASE_A, level: 'SATISFIED', comment: '已解决', contact: { name: '张三', phone: '13812345678' } }, now - 2 * DAY);
const a3 = demoRating({ caseNumber: CASE_A, level: 'BASICALLY_SATISFIED' }, now - DAY);
const b1 = badRating({ caseNumber: CASE_B, level: 'VERY_DISSATISFIED', comment: '工作人员让我点的' }, now - 3 * DAY);
const b2 = demoRating({ caseNumber: CASE_B, level: 'SATISFIED' }, now - 2 * DAY);
// 办件 C: its default 满意 is overtaken by a citizen rating made before the default was due (superseded, left out).
// 办件 D: its default stands as assessment 1 (channel DEFAULT, pf 7) and the citizen's later rating is the 追评.
const CASE_C = 'DEMO-2026-0003';
const CASE_D = 'DEMO-2026-0004';
const defaultC = uuidv7(now - 3 * DAY);
const defaultD = uuidv7(now - 5 * DAY);
const c1 = demoRating({ caseNumber: CASE_C, level: 'BASICALLY_SATISFIED' }, now - 4 * DAY);
const d1 = demoRating({ caseNumber: CASE_D, level: 'DISSATISFIED', reasons: ['ATTITUDE'] }, now - DAY);

async function seed(store: Store) {
  const at = Date.now();
  await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: at, items: [uninvited, a1, a2, a3, b1, b2] }, at);
  const made = await store.insertDefaultRatings([
    { id: defaultC, unitId: 'demo-unit', caseNo: CASE_C, windowId: 'demo-w1', staffId: 'demo-s1', dueAt: now - 3 * DAY },
    { id: defaultD, unitId: 'demo-unit', caseNo: CASE_D, windowId: 'demo-w1', staffId: 'demo-s1', dueAt: now - 5 * DAY },
  ], at);
  expect(made).toHaveLength(2);
  await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: at, items: [c1, d1] }, at);
  expect(await store.updateUnit('demo-unit', { divisionCode: '510104001001' })).toBe(true);
  // Supervision strikes b1 (coerced): it is left out and takes no slot, so b2 is 办件 B's first assessment.
  await store.putRatingReview({ ratingId: b1.id, verdict: 'INVALID', note: '工作人员代评', by: 'demo-s1', at });
  await store.close();
}

function exportCli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/export/export-cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONTACT = /张三|13812345678|138\*{4}5678|张\*/;

function checkAll(env: Record<string, string>) {
  const gbt = exportCli(['--format', 'gbt39046'], env);
  expect(gbt.status, gbt.stderr).toBe(0);
  const lines = gbt.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe('\uFEFF办件编号,评价渠道,评价时间,评价次数,满意度,满意度代码,文字评价,行政区划');
  const rows = lines.slice(1).map((l) => l.split(','));
  // a3 is a third rating of 办件 A (no assessment), b1 is INVALID: both left out.
  expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[7]])).toEqual([
    ['', '4', '1', '非常满意', '1', '510104001001'],
    [CASE_A, '4', '1', '非常不满意', '5', '510104001001'],
    [CASE_A, '4', '2', '满意', '2', '510104001001'],
    [CASE_B, '4', '1', '满意', '2', '510104001001'],
    [CASE_D, '7', '1', '满意', '2', '510104001001'],
    [CASE_C, '4', '1', '基本满意', '3', '510104001001'],
    [CASE_D, '4', '2', '不满意', '4', '510104001001'],
  ]);
  for (const r of rows) expect(r[2]).toMatch(/^\d{8}T\d{6}$/);
  expect(rows[0][6]).toBe('很好，电话 139****5678');
  // The evaluator's identity never leaves: not the contact, not the masked contact. (a1's comment names 张三 itself:
  // free text is scrubbed of numbers, not of names, so a1's comment is checked apart.)
  expect(rows[1][6]).toBe('我是张三');
  expect(lines.filter((_, i) => i !== 2).join('\n')).not.toMatch(CONTACT);
  expect(gbt.stdout).not.toContain('13812345678');
  expect(gbt.stderr).toContain('7 rows; left out: 1 marked invalid, 1 of a 办件 beyond its two assessments');

  const province = exportCli(['--format', 'province'], env);
  expect(province.status, province.stderr).toBe(0);
  const objects = province.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(objects.map((o) => [o.projectNo, o.pf, o.assessNumber, o.satisfaction])).toEqual([
    ['', 4, 1, 5], [CASE_A, 4, 1, 1], [CASE_A, 4, 2, 4], [CASE_B, 4, 1, 4], [CASE_D, 7, 1, 4], [CASE_C, 4, 1, 3], [CASE_D, 4, 2, 2],
  ]);
  expect(province.stdout).not.toContain('13812345678');
  return rows;
}

async function checkXlsx(env: Record<string, string>) {
  const file = path.join(tempDir('national-xlsx'), 'gbt.xlsx');
  const r = exportCli(['--format', 'gbt39046-xlsx', '--output', file], env);
  expect(r.status, r.stderr).toBe(0);
  expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  expect(values[0]).toEqual(['办件编号', '评价渠道', '评价时间', '评价次数', '满意度', '满意度代码', '文字评价', '行政区划']);
  expect(values).toHaveLength(8);
  // Codes are numbers in the sheet; 办件编号 and 行政区划 text.
  expect(values[3]).toEqual([CASE_A, 4, expect.stringMatching(/^\d{8}T\d{6}$/), 2, '满意', 2, '已解决', '510104001001']);
  expect(JSON.stringify(values)).not.toContain('13812345678');
}

describe('npm run export --format gbt39046 | province on SQLite', () => {
  const dataDir = tempDir('national');
  const env = { DATA_DIR: dataDir };

  it('gives one row per assessment with 追评 numbered per 办件; INVALID, third ratings and superseded defaults left out; no contact', async () => {
    await seed(await openDemoStore(dataDir));
    checkAll(env);
  });

  it('writes an XLSX exceljs reads back, numbers as numbers', async () => {
    await checkXlsx(env);
  });

  it('takes channel and level codes from an export settings file (--settings or HCP_EXPORT_SETTINGS)', () => {
    const file = path.join(tempDir('national-settings'), 'export-settings.json');
    fs.writeFileSync(file, JSON.stringify({ channelCodes: { HALL_TABLET: 8 }, levelCodes: { province: { VERY_SATISFIED: 1, VERY_DISSATISFIED: 5 } } }));
    const byFlag = exportCli(['--format', 'province', '--settings', file], env);
    const byEnv = exportCli(['--format', 'province'], { ...env, HCP_EXPORT_SETTINGS: file });
    expect(byEnv.stdout).toBe(byFlag.stdout);
    const first = JSON.parse(byFlag.stdout.split('\n')[0]);
    expect([first.pf, first.satisfaction]).toEqual([8, 1]);
  });

  it('refuses --reveal-contact, a bad settings file and an XLSX without --output, writing nothing', () => {
    const out = path.join(tempDir('national-refused'), 'x.csv');
    const reveal = exportCli(['--format', 'gbt39046', '--reveal-contact', '--output', out], env);
    expect(reveal.status).toBe(2);
    expect(reveal.stderr).toContain('never carry the evaluator');
    const bad = path.join(tempDir('national-bad'), 's.json');
    fs.writeFileSync(bad, JSON.stringify({ levelCodes: { gbt39046: { SATISFIED: 1 } } }));
    const refused = exportCli(['--format', 'gbt39046', '--settings', bad, '--output', out], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('same code');
    const xlsx = exportCli(['--format', 'province-xlsx'], env);
    expect(xlsx.status).toBe(2);
    expect(xlsx.stderr).toContain('needs --output');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('npm run export --format gbt39046 | province on PostgreSQL', () => {
  it('gives the same rows from DATABASE_URL', async () => {
    const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_natexp'), HCP_CONTACT_KEY: randomBytes(32).toString('base64') };
    const dataDir = tempDir('national-pg');
    await seed(await openDemoStore(dataDir, env));
    checkAll({ ...env, DATA_DIR: dataDir });
    await checkXlsx({ ...env, DATA_DIR: dataDir });
  });
});
