// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImportLinesTable, SHOWN_LINES_MAX } from '../../src/admin/service-cases/ImportLinesTable';
import type { ImportLineView, ServiceCaseImportResult } from '../../src/domain/service-case-import';
import { initI18n, loadNamespace, setLanguage } from '../../src/i18n';
import bo from '../../src/i18n/locales/bo/admin.json';
import en from '../../src/i18n/locales/en/admin.json';
import zh from '../../src/i18n/locales/zh-CN/admin.json';
import { IMPORT_PROBLEM_CODES } from '../../sync-server/service-cases/import-messages';

beforeAll(async () => {
  await initI18n();
  await loadNamespace('admin');
});
afterEach(cleanup);

const good: ImportLineView = {
  line: 2,
  caseNo: 'UP-1',
  outcome: 'added',
  row: { serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', acceptedAt: Date.parse('2026-11-30T09:05:00+08:00'), finishedAt: null, applicantType: 'PERSON', status: 'ACCEPTED' },
  errors: [],
  notes: [],
};
const unknownStaff: ImportLineView = {
  ...good,
  line: 3,
  caseNo: 'UP-2',
  outcome: 'refused',
  errors: [{ code: 'UNKNOWN_STAFF', column: '工号', params: { column: '工号', value: 'X9999' }, message: 'no 工号 X9999' }],
};
const badType: ImportLineView = {
  line: 4,
  caseNo: 'UP-3',
  outcome: 'refused',
  errors: [{ code: 'UNKNOWN_APPLICANT_TYPE', column: '申请人类型', params: { column: '申请人类型', value: '公司' }, message: 'Applicant type "公司" is unknown' }],
  notes: [],
};
const result = (lines: ImportLineView[], dryRun = true): ServiceCaseImportResult => ({
  dryRun,
  unitId: 'demo-unit',
  filename: 'x.csv',
  format: 'csv-utf-8',
  fileErrors: [],
  notes: [],
  lines,
  counts: { lines: lines.length, added: 0, updated: 0, unchanged: 0, refused: 0, superseded: 0 },
});

describe('the 办件 upload preview table', () => {
  it('shows each error in the row of its line, in the chosen language, with its column and code', async () => {
    await setLanguage('zh-CN');
    render(<ImportLinesTable result={result([good, unknownStaff, badType])} onlyProblems={false} />);
    const row3 = within(screen.getByTestId('import-line-3'));
    expect(row3.getByTestId('import-outcome').textContent).toBe('拒绝');
    expect(row3.getByTestId('import-error').textContent).toBe('工号: 没有工号为 X9999 的工作人员。 UNKNOWN_STAFF');
    expect(within(screen.getByTestId('import-line-4')).getByTestId('import-error').textContent).toContain('申请人类型“公司”无法识别');
    const row2 = within(screen.getByTestId('import-line-2'));
    expect(row2.getByTestId('import-outcome').textContent).toBe('将新增');
    expect(row2.queryByTestId('import-error')).toBeNull();
    expect(screen.getByTestId('import-line-2').textContent).toContain('2026-11-30 09:05');

    cleanup();
    await setLanguage('en');
    render(<ImportLinesTable result={result([good, unknownStaff], false)} onlyProblems />);
    expect(screen.queryByTestId('import-line-2')).toBeNull(); // no problem: filtered out
    expect(within(screen.getByTestId('import-line-3')).getByTestId('import-error').textContent).toBe('工号: No staff member has the staff number X9999. UNKNOWN_STAFF');
  });

  it('draws at most the first lines of a long file and says how many there are', async () => {
    await setLanguage('en');
    const many = Array.from({ length: SHOWN_LINES_MAX + 20 }, (_, i) => ({ ...good, line: i + 2, caseNo: `M-${i}` }));
    render(<ImportLinesTable result={result(many)} onlyProblems={false} />);
    expect(screen.getByTestId('import-lines').querySelectorAll('tbody tr')).toHaveLength(SHOWN_LINES_MAX);
    expect(screen.getByText(`The first ${SHOWN_LINES_MAX} of ${SHOWN_LINES_MAX + 20} lines are shown; the counts above include every line.`)).toBeTruthy();
  });

  it('words every problem code the file reader and the catalogue check give, in zh-CN, en and bo', () => {
    const refusals = ['UNKNOWN_SERVICE_ITEM', 'UNKNOWN_WINDOW', 'UNKNOWN_STAFF', 'WRONG_UNIT', 'VALIDATION_FAILED'];
    for (const [locale, messages] of Object.entries({ 'zh-CN': zh, en, bo })) {
      const problems: Record<string, string> = messages.serviceCaseImport.problems;
      for (const code of [...IMPORT_PROBLEM_CODES, ...refusals]) expect(problems[code], `${locale} ${code}`).toMatch(/\S/);
    }
    expect(IMPORT_PROBLEM_CODES).toContain('DUPLICATE_REPLACES');
    expect(i18next.exists('admin:serviceCaseImport.problems.BAD_TIME')).toBe(true);
  });
});
