import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HEADER = '办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
const importCases = (...args: string[]) => run('npm', ['run', '-s', 'import-cases', '--', ...args]);

let dir: string;
let good: string;
let mixed: string;

beforeAll(() => {
  dir = tempDir('import-cases');
  good = path.join(dir, 'good.csv');
  fs.writeFileSync(good, `\uFEFF${HEADER}\r\nGD-1,S01,3,1001,2026-11-30 09:05:00,2026-11-30 10:00:00,个人,办结\r\n`);
  mixed = path.join(dir, 'mixed.csv');
  fs.writeFileSync(mixed, `${HEADER},备注\nGD-1,S01,3,1001,2026-11-30 09:05:00,,个人,办理中,\nGD-2,S01,3,1001,2026-11-30 09:05:00,,公司,办结,\nGD-1,S01,3,1001,2026-11-30 09:05:00,2026-11-30 11:00:00,个人,办结,\n`);
});

describe('npm run import-cases --dry-run (the file alone; writing: import-cases-write.test.ts)', () => {
  it('prints that it is a dry run, what each line would do, every problem in both languages, and a summary', () => {
    const { code, out, err } = importCases(mixed, '--dry-run');
    expect(err).toBe('');
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`DRY RUN: nothing is written to the store. File ${mixed} read as csv-utf-8.`);
    expect(out).toContain('note  [备注] UNKNOWN_COLUMN');
    expect(out).toContain('line 2: not used: a later line of the same 办件编号 replaces it');
    expect(out).toContain('line 3: refused (2 problems)');
    expect(out).toContain('  error [申请人类型] UNKNOWN_APPLICANT_TYPE: 申请人类型“公司”无法识别');
    expect(out).toContain('  error [办结时间] FINISHED_AT_REQUIRED: 状态为办结的办件必须填写办结时间。 / A finished 办件 (service case, 办结) needs its finish time.');
    expect(out).toContain('line 4: would add or update 办件 GD-1 (FINISHED, item S01, window 3, 工号 1001, accepted 2026-11-30T09:05:00.000+08:00 finished 2026-11-30T11:00:00.000+08:00)');
    expect(lines.at(-1)).toBe('DRY RUN summary: 3 data lines, 1 would be added or updated, 1 refused, 1 replaced by a later line of the same 办件编号');
  });

  it('exits 0 for a clean file and gives the whole result as JSON on request', () => {
    const { code, out } = importCases(good, '--dry-run', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ dryRun: true, format: 'csv-utf-8', fileErrors: [], summary: { lines: 1, usable: 1, refused: 0, superseded: 0 } });
    expect(result.rows[0].row).toEqual({
      caseNo: 'GD-1', serviceItemCode: 'S01', windowNumber: '3', employeeNo: '1001',
      acceptedAt: Date.parse('2026-11-30T09:05:00+08:00'), finishedAt: Date.parse('2026-11-30T10:00:00+08:00'), applicantType: 'PERSON', status: 'FINISHED',
    });
  });

  it('says a file error and exits 1; refuses to run without --dry-run, without a file, or on a file it cannot read', () => {
    const noColumn = path.join(dir, 'no-column.csv');
    fs.writeFileSync(noColumn, '办件编号\nGD-1\n');
    const refused = importCases(noColumn, '--dry-run');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('file error [状态 (status)] MISSING_COLUMN');
    expect(refused.out).toContain('DRY RUN summary: file refused; 0 data lines');

    const write = importCases(good);
    expect(write.code).toBe(2);
    expect(write.err).toContain('--unit UNIT_ID is required');
    expect(write.out).toBe('');
    expect(importCases('--dry-run').code).toBe(2);
    const absent = importCases(path.join(dir, 'absent.csv'), '--dry-run');
    expect(absent.code).toBe(2);
    expect(absent.err).toContain('ENOENT');
  }, 90_000);
});
