import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../sync-server/service-cases/csv-records';
import { parseServiceCaseFile, summarizeImport, type ServiceCaseImport } from '../../sync-server/service-cases/import-file';
import { parseTimeText } from '../../sync-server/service-cases/import-values';

const HEADER = '办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态';
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Each column's header as HEADER writes it (a parse result names the file's own headers). */
const COLUMNS = { caseNo: '办件编号', serviceItemCode: '事项编码', windowNumber: '窗口号', employeeNo: '工号', acceptedAt: '受理时间', finishedAt: '办结时间', applicantType: '申请人类型', status: '状态' };
/** The instant of a China wall-clock time, by the JS engine's own ISO parser (not the importer's). */
const china = (wallClock: string) => Date.parse(`${wallClock.replace(' ', 'T')}+08:00`);
const codes = (result: ServiceCaseImport, line: number) => result.rows.find((r) => r.line === line)?.errors.map((e) => [e.column, e.code]);

describe('CSV records (RFC 4180)', () => {
  it('reads quotes, doubled quotes, CRLF, LF, a lone CR and line breaks inside quotes, naming each record by its first line', () => {
    const text = 'a,"b,c","d""e"\r\n"x\r\ny",z\n\n"p\nq\nr",\rlast,"",';
    expect(parseCsv(text, ',')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b,c', 'd"e'], textAfterQuote: [] },
        { line: 2, cells: ['x\r\ny', 'z'], textAfterQuote: [] },
        { line: 4, cells: [''], textAfterQuote: [] },
        { line: 5, cells: ['p\nq\nr', ''], textAfterQuote: [] },
        { line: 8, cells: ['last', '', ''], textAfterQuote: [] },
      ],
    });
  });

  it('keeps a stray quote inside an unquoted field as text, notes text after a closing quote, and stops at an unclosed quote', () => {
    expect(parseCsv('5"寸,"a"b\n', ',').records).toEqual([{ line: 1, cells: ['5"寸', 'ab'], textAfterQuote: [1] }]);
    expect(parseCsv('h\nok\n"never closed\nmore\n', ',')).toEqual({ records: [{ line: 1, cells: ['h'], textAfterQuote: [] }, { line: 2, cells: ['ok'], textAfterQuote: [] }], unterminatedQuoteLine: 3 });
  });
});

describe('times', () => {
  it('reads China wall clock, Excel CSV forms and ISO 8601 with or without an offset; refuses what a calendar lacks', () => {
    const at = china('2026-11-30 09:05:00');
    expect(parseTimeText('2026-11-30 09:05:00')).toBe(at);
    expect(parseTimeText('2026/11/30 9:05')).toBe(at);
    expect(parseTimeText('2026-11-30T09:05:00')).toBe(at);
    expect(parseTimeText('2026-11-30T01:05:00Z')).toBe(at);
    expect(parseTimeText('2026-11-30T01:05:00.000z')).toBe(at);
    expect(parseTimeText('2026-11-30T03:05:00+02:00')).toBe(at);
    expect(parseTimeText('2026-11-30T09:05:00+0800')).toBe(at);
    expect(parseTimeText('2026-11-29T20:05:00-05')).toBe(at);
    expect(parseTimeText('2026-11-30 09:05:00.250')).toBe(at + 250);
    for (const bad of ['2026-02-30 09:00:00', '2026-11-30 24:00:00', '2026-11-30 09:60:00', '2026-13-01 09:00:00', '2026-11-30', '30/11/2026 09:05', 'yesterday', '2026-11-30T09:05:00+25:00', '0050-01-01 00:00:00']) {
      expect(parseTimeText(bad), bad).toBeNull();
    }
  });
});

describe('办件 export, CSV', () => {
  const body = 'GD-0001,S01,3,1001,2026-11-30 09:05:00,2026-11-30 10:00:00,个人,办结\r\nGD-0002,S02,5,1002,2026-11-30 09:10:00,,法人,办理中\r\n';
  const expected = [
    { line: 2, caseNo: 'GD-0001', errors: [], notes: [], row: { caseNo: 'GD-0001', serviceItemCode: 'S01', windowNumber: '3', employeeNo: '1001', acceptedAt: china('2026-11-30 09:05:00'), finishedAt: china('2026-11-30 10:00:00'), applicantType: 'PERSON', status: 'FINISHED' } },
    { line: 3, caseNo: 'GD-0002', errors: [], notes: [], row: { caseNo: 'GD-0002', serviceItemCode: 'S02', windowNumber: '5', employeeNo: '1002', acceptedAt: china('2026-11-30 09:10:00'), finishedAt: null, applicantType: 'LEGAL_PERSON', status: 'IN_PROGRESS' } },
  ];

  it('reads UTF-8 with a BOM and without one', async () => {
    for (const text of [`\uFEFF${HEADER}\r\n${body}`, `${HEADER}\n${body.replaceAll('\r\n', '\n')}`]) {
      const result = await parseServiceCaseFile(utf8(text));
      expect(result).toEqual({ format: 'csv-utf-8', rows: expected, fileErrors: [], notes: [], columns: COLUMNS });
    }
  });

  it('reads GBK as Chinese Excel writes it (bytes written out, checked against the gb18030 decoder)', async () => {
    const gbkHeader = 'b0ecbcfeb1e0bac52ccac2cfeeb1e0c2eb2cb4b0bfdabac52cb9a4bac52ccadcc0edcab1bce42cb0ecbde1cab1bce42cc9eac7ebc8cbc0e0d0cd2cd7b4ccac0d0a';
    const gbkRow1 = '47442d303030312c5330312c332c313030312c323032362d31312d33302030393a30353a30302c323032362d31312d33302031303a30303a30302cb8f6c8cb2cb0ecbde10d0a';
    const gbkRow2 = '47442d303030322c5330322c352c313030322c323032362d31312d33302030393a31303a30302c2cb7a8c8cb2cb0ecc0edd6d00d0a';
    const bytes = Buffer.from(gbkHeader + gbkRow1 + gbkRow2, 'hex');
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(`${HEADER}\r\n${body}`);
    // Not UTF-8: the importer has to tell the difference itself.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await parseServiceCaseFile(bytes)).toEqual({ format: 'csv-gb18030', rows: expected, fileErrors: [], notes: [], columns: COLUMNS });
  });

  it('reads UTF-16 tab-separated text (Excel "Unicode text")', async () => {
    const text = `\uFEFF${HEADER}\r\n${body}`.replaceAll(',', '\t');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1), 'utf16le')]);
    expect(await parseServiceCaseFile(bytes)).toEqual({ format: 'csv-utf-16le', rows: expected, fileErrors: [], notes: [], columns: COLUMNS });
  });

  it('accepts English keys in any case and order, trimmed, with English values; an unknown column is a note', async () => {
    const text = ' STATUS ,applicanttype,Remark,acceptedAt,finishedAt,employeeNo,windowNumber,serviceItemCode,CASENO\n' +
      'finished,person,hello,2026-11-30T01:05:00Z,2026-11-30T10:00:00+08:00,1001,3,S01,GD-0001\n' +
      'IN_PROGRESS,LEGAL_PERSON,,2026-11-30 09:10:00,,1002,5,S02,GD-0002\n';
    const result = await parseServiceCaseFile(utf8(text));
    expect(result.rows).toEqual(expected);
    expect(result.notes.map((n) => [n.column, n.code])).toEqual([['Remark', 'UNKNOWN_COLUMN']]);
  });

  it('names a record by the line it starts on when a quoted value holds a line break', async () => {
    const text = `${HEADER},备注\n"GD-0001",S01,3,1001,2026-11-30 09:05:00,,个人,受理,"第一行\n第二行"\nGD-0002,S02,"5",1002,2026-11-30 09:10:00,,个人,"不予受理",\n`;
    const result = await parseServiceCaseFile(utf8(text));
    expect(result.rows.map((r) => [r.line, r.row?.caseNo, r.row?.status, r.errors])).toEqual([
      [2, 'GD-0001', 'ACCEPTED', []],
      [4, 'GD-0002', 'NOT_ACCEPTED', []],
    ]);
  });

  it('lists every problem of a bad row, with its column, in Chinese and English', async () => {
    const lines = [
      ',S01,3,1001,2026-11-31 09:05:00,,公司,完成', // 2: empty 办件编号, bad time, unknown applicant type, unknown status
      'B-3,S01,3,1001,2026-11-30 09:05:00,,个人,办结', // 3: 办结 without 办结时间
      'B-4,S01,3,1001,2026-11-30 09:05:00,2026-11-30 09:04:59,个人,办结', // 4: finished before accepted
      'B-5,,3,,,2026-11-30 10:00:00,个人,办理中', // 5: empty item, 工号 and 受理时间; a finish time while in progress
      'B-6,S01,3,1001,2026-11-30 09:05:00,,个人,受理,oops', // 6: more values than columns
      'B-7,"S01"x,3,1001,9:05,,个人,受理', // 7: text after a quote; a time without a date
    ];
    const result = await parseServiceCaseFile(utf8(`${HEADER}\n${lines.join('\n')}\n`));
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.every((r) => r.row === undefined)).toBe(true);
    expect(codes(result, 2)).toEqual([['办件编号', 'REQUIRED'], ['受理时间', 'BAD_TIME'], ['申请人类型', 'UNKNOWN_APPLICANT_TYPE'], ['状态', 'UNKNOWN_STATUS']]);
    expect(codes(result, 3)).toEqual([['办结时间', 'FINISHED_AT_REQUIRED']]);
    expect(codes(result, 4)).toEqual([['办结时间', 'FINISHED_BEFORE_ACCEPTED']]);
    expect(codes(result, 5)).toEqual([['事项编码', 'REQUIRED'], ['工号', 'REQUIRED'], ['受理时间', 'REQUIRED'], ['办结时间', 'FINISHED_AT_NOT_ALLOWED']]);
    expect(codes(result, 6)).toEqual([[undefined, 'EXTRA_CELLS']]);
    expect(codes(result, 7)).toEqual([['事项编码', 'CSV_TEXT_AFTER_QUOTE'], ['受理时间', 'BAD_TIME']]);
    const status = result.rows[0].errors[3];
    expect(status.messageZh).toContain('完成');
    expect(status.message).toContain('"完成" is unknown');
    for (const e of result.rows.flatMap((r) => r.errors)) {
      expect(e.message).toMatch(/[A-Za-z]/);
      expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(summarizeImport(result)).toEqual({ lines: 6, usable: 0, refused: 6, superseded: 0 });
  });

  it('reads an id written as ="…" to keep Excel off it; refuses one Excel turned into 4.40303E+17', async () => {
    const text = `${HEADER}\n"=""0001""",S01,3,="007",2026-11-30 09:05:00,,个人,受理\n4.40303E+17,S01,3,1001,2026-11-30 09:05:00,,个人,受理\n`;
    const result = await parseServiceCaseFile(utf8(text));
    expect([result.rows[0].errors, result.rows[0].row?.caseNo, result.rows[0].row?.employeeNo]).toEqual([[], '0001', '007']);
    expect(codes(result, 3)).toEqual([['办件编号', 'NUMBER_LOST_DIGITS']]);
    expect(result.rows[1].errors[0].message).toContain('4.40303E+17');
  });

  it('refuses the file when a column is missing or doubled, naming it, and gives no rows', async () => {
    const missing = await parseServiceCaseFile(utf8('办件编号,事项编码,窗口号,受理时间,办结时间,申请人类型\nA,S,1,2026-11-30 09:00:00,,个人\n'));
    expect(missing.rows).toEqual([]);
    expect(missing.fileErrors.map((e) => [e.code, e.column])).toEqual([['MISSING_COLUMN', '工号 (employeeNo)'], ['MISSING_COLUMN', '状态 (status)']]);
    expect(missing.fileErrors[1].messageZh).toContain('状态');
    const doubled = await parseServiceCaseFile(utf8(`${HEADER},caseNo\n`));
    expect(doubled.fileErrors.map((e) => [e.code, e.column])).toEqual([['DUPLICATE_COLUMN', '办件编号 / caseNo']]);
  });

  it('a header and no rows is an empty import; blank lines are no rows; an empty, .xls or broken file is refused', async () => {
    expect(await parseServiceCaseFile(utf8(`${HEADER}\r\n`))).toEqual({ format: 'csv-utf-8', rows: [], fileErrors: [], notes: [], columns: COLUMNS });
    expect((await parseServiceCaseFile(utf8(`${HEADER}\r\n,,,,,,,\r\n\r\n  ,\r\n`))).rows).toEqual([]);
    expect((await parseServiceCaseFile(new Uint8Array())).fileErrors.map((e) => e.code)).toEqual(['EMPTY_FILE']);
    // A UTF-8 mark, then GBK bytes (办件): neither read as UTF-8 nor silently guessed.
    expect((await parseServiceCaseFile(Buffer.from('efbbbfb0ecbcfe', 'hex'))).fileErrors.map((e) => e.code)).toEqual(['BAD_ENCODING']);
    expect((await parseServiceCaseFile(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'))).fileErrors.map((e) => e.code)).toEqual(['UNSUPPORTED_FORMAT']);
    expect((await parseServiceCaseFile(Buffer.from('504b0304deadbeef', 'hex'))).fileErrors.map((e) => e.code)).toEqual(['XLSX_UNREADABLE']);
    expect((await parseServiceCaseFile(utf8(`${HEADER}\n"GD-1,S`))).fileErrors.map((e) => [e.code, e.message])).toEqual([
      ['CSV_UNTERMINATED_QUOTE', 'A quoted value that starts on line 2 is never closed: the rest of the file cannot be read.'],
    ]);
  });

  it('the last line of a 办件编号 decides; earlier lines are noted and not used, even when the last one is refused', async () => {
    const text = `${HEADER}\nD-1,S01,3,1001,2026-11-30 09:05:00,,个人,受理\nD-2,S01,3,1001,2026-11-30 09:06:00,,个人,受理\n` +
      `D-1,S01,3,1001,2026-11-30 09:05:00,,个人,办理中\nD-2,S01,3,1001,2026-11-30 09:06:00,,个人,办结\nD-1,S01,3,1001,2026-11-30 09:05:00,2026-11-30 11:00:00,个人,办结\n`;
    const result = await parseServiceCaseFile(utf8(text));
    const view = result.rows.map((r) => ({ line: r.line, status: r.row?.status, errors: r.errors.map((e) => e.code), notes: r.notes.map((n) => n.code) }));
    expect(view).toEqual([
      { line: 2, status: undefined, errors: [], notes: ['DUPLICATE_SUPERSEDED'] },
      { line: 3, status: undefined, errors: [], notes: ['DUPLICATE_SUPERSEDED'] },
      { line: 4, status: undefined, errors: [], notes: ['DUPLICATE_SUPERSEDED'] },
      { line: 5, status: undefined, errors: ['FINISHED_AT_REQUIRED'], notes: ['DUPLICATE_REPLACES'] },
      { line: 6, status: 'FINISHED', errors: [], notes: ['DUPLICATE_REPLACES'] },
    ]);
    expect(result.rows[0].notes[0].message).toContain('line 6');
    expect(result.rows[4].notes[0].messageZh).toContain('第 2、4 行');
    expect(summarizeImport(result)).toEqual({ lines: 5, usable: 1, refused: 1, superseded: 3 });
  });
});

async function xlsxBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('办件');
  workbook.addWorksheet('other').addRow(['not read']);
  fill(workbook.getWorksheet('办件')!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('办件 export, XLSX', () => {
  it('reads the first sheet: date cells as China wall clock, text times, numbers and rich text as text', async () => {
    // exceljs writes a Date's UTC fields as the cell's wall clock: this cell shows 2026-11-30 09:05:00.
    const shows0905 = new Date(Date.UTC(2026, 10, 30, 9, 5, 0));
    const bytes = await xlsxBytes((sheet) => {
      sheet.addRow(HEADER.split(','));
      sheet.addRow([202611300001, 'S01', 3, 1001, shows0905, new Date(Date.UTC(2026, 10, 30, 10, 0, 0)), '个人', '办结']);
      sheet.addRow(['GD-0002', { richText: [{ text: 'S' }, { text: '02' }] }, '5', '1002', '2026-11-30 09:10:00', null, '法人', '办理中']);
      sheet.getCell('E2').numFmt = 'yyyy-mm-dd hh:mm:ss';
      // A time typed where Excel did not see a date format: the serial number it stores (2026-11-30 12:00).
      sheet.addRow(['GD-0003', 'S03', '7', '1003', 46356.5, '', 'PERSON', 'ACCEPTED']);
    });
    const result = await parseServiceCaseFile(bytes);
    expect(result.format).toBe('xlsx');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.errors])).toEqual([[2, []], [3, []], [4, []]]);
    expect(result.rows.map((r) => r.row)).toEqual([
      { caseNo: '202611300001', serviceItemCode: 'S01', windowNumber: '3', employeeNo: '1001', acceptedAt: china('2026-11-30 09:05:00'), finishedAt: china('2026-11-30 10:00:00'), applicantType: 'PERSON', status: 'FINISHED' },
      { caseNo: 'GD-0002', serviceItemCode: 'S02', windowNumber: '5', employeeNo: '1002', acceptedAt: china('2026-11-30 09:10:00'), finishedAt: null, applicantType: 'LEGAL_PERSON', status: 'IN_PROGRESS' },
      { caseNo: 'GD-0003', serviceItemCode: 'S03', windowNumber: '7', employeeNo: '1003', acceptedAt: china('2026-11-30 12:00:00'), finishedAt: null, applicantType: 'PERSON', status: 'ACCEPTED' },
    ]);
  });

  it('refuses an id Excel stored as a number with lost digits, an error cell and a date where text belongs; skips empty rows', async () => {
    const bytes = await xlsxBytes((sheet) => {
      sheet.addRow(HEADER.split(','));
      sheet.addRow([440300202611300001, 'S01', { error: '#N/A' }, new Date(Date.UTC(2026, 0, 1)), '2026-11-30 09:05:00', '', '个人', '受理']);
      sheet.addRow([]);
      sheet.addRow(['E-2', 'S01', '3', '1001', '2026-11-30 09:05:00', '', '个人', '受理', 'note beside the table']);
    });
    const result = await parseServiceCaseFile(bytes);
    expect(codes(result, 2)).toEqual([['办件编号', 'NUMBER_LOST_DIGITS'], ['窗口号', 'CELL_ERROR'], ['工号', 'DATE_NOT_TEXT']]);
    expect(result.rows.map((r) => [r.line, r.row?.caseNo])).toEqual([[2, undefined], [4, 'E-2']]);
  });

  it('a header and no rows; a missing column', async () => {
    const empty = await parseServiceCaseFile(await xlsxBytes((sheet) => sheet.addRow(HEADER.split(','))));
    expect(empty).toEqual({ format: 'xlsx', rows: [], fileErrors: [], notes: [], columns: COLUMNS });
    const missing = await parseServiceCaseFile(await xlsxBytes((sheet) => sheet.addRow(HEADER.split(',').filter((h) => h !== '受理时间'))));
    expect(missing.fileErrors.map((e) => e.column)).toEqual(['受理时间 (acceptedAt)']);
  });
});

describe('a large export', () => {
  const ROWS = 10_000;
  const line = (i: number) => `L-${i},S${i % 40},${i % 12},${1000 + (i % 30)},2026-11-30 08:${String(i % 60).padStart(2, '0')}:00,2026-11-30 10:00:00,${i % 3 ? '个人' : '法人'},办结`;

  it(`reads ${ROWS} CSV rows and ${ROWS} XLSX rows (time printed)`, async () => {
    const csv = utf8(`\uFEFF${HEADER}\r\n${Array.from({ length: ROWS }, (_, i) => line(i)).join('\r\n')}\r\n`);
    let started = performance.now();
    const fromCsv = await parseServiceCaseFile(csv);
    const csvMs = performance.now() - started;
    expect(summarizeImport(fromCsv)).toEqual({ lines: ROWS, usable: ROWS, refused: 0, superseded: 0 });
    expect(fromCsv.rows.at(-1)?.line).toBe(ROWS + 1);

    const xlsx = await xlsxBytes((sheet) => {
      sheet.addRow(HEADER.split(','));
      for (let i = 0; i < ROWS; i++) sheet.addRow(line(i).split(','));
    });
    started = performance.now();
    const fromXlsx = await parseServiceCaseFile(xlsx);
    const xlsxMs = performance.now() - started;
    expect(fromXlsx.rows.map((r) => r.row)).toEqual(fromCsv.rows.map((r) => r.row));
    console.log(`办件 import of ${ROWS} rows: CSV ${(csv.length / 1024).toFixed(0)} KiB in ${csvMs.toFixed(0)} ms; XLSX ${(xlsx.length / 1024).toFixed(0)} KiB in ${xlsxMs.toFixed(0)} ms`);
  }, 120_000);
});
