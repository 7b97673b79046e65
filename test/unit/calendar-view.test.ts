import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_PROBLEM_CODES, checkDraft, parseYear, problemText, serverProblems, type CalendarDraft } from '../../src/admin/calendar/calendar-draft';
import { dateRuns, formatDateLines, LINE_PROBLEM_CODES, MAX_RANGE_DAYS, parseDateLines } from '../../src/admin/calendar/calendar-lines';
import {
  calendarOf,
  isEmptyDiff,
  shownYearOf,
  sourceParts,
  suggestedYear,
  tableCounts,
  tableDiff,
  WEEK_COLUMNS,
  yearGrid,
} from '../../src/admin/calendar/calendar-view';
import { PUBLISHED_CALENDAR_YEARS } from '../../src/domain/calendar-data';
import { dateSpan, validateCalendarYear, type CalendarYear } from '../../src/domain/workdays';
import { flatten, readMessages } from '../../scripts/tibetan-review';

describe('reading the editor text into dates', () => {
  it('reads single dates and ranges written the ways the notices and people write them', () => {
    const text = [
      '2027-01-01',
      '2027-10-01至10-07',
      '2027-02-06..2027-02-08',
      '2027年4月5日',
      '2027/5/1 到 5/3',
      '2027-06-12 - 2027-06-13',
      '２０２７－０９－１５～１７', // full width, as pasted from a word processor
      '2027-12-30至31日',
    ].join('\n');
    const parsed = parseDateLines(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.dates).toEqual([
      '2027-01-01',
      ...dateSpan('2027-10-01', '2027-10-07'),
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-05-03',
      '2027-06-12',
      '2027-06-13',
      '2027-09-15',
      '2027-09-16',
      '2027-09-17',
      '2027-12-30',
      '2027-12-31',
    ]);
    // Each date remembers its line, so a problem can be shown at the line that caused it.
    expect(parsed.lines.slice(0, 9)).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 3]);
  });

  it('skips blank lines, remarks in brackets and comments, and takes several entries on a line', () => {
    const parsed = parseDateLines('\n  2027-09-26（周日）、2027-10-09 (周六)  \n# 国庆节调休\n2027-02-20, 2027-02-21 # 春节\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.dates).toEqual(['2027-09-26', '2027-10-09', '2027-02-20', '2027-02-21']);
    expect(parsed.lines).toEqual([2, 2, 4, 4]);
    expect(parseDateLines('').dates).toEqual([]);
  });

  it('names the line of whatever cannot be turned into dates', () => {
    const parsed = parseDateLines(['2027-10-01', '2027-10-8x', '2027-10-07至10-01', '2027-01-01至2027-03-01', '2027-02-27至02-30', '国庆节'].join('\n'));
    expect(parsed.problems).toEqual([
      { code: 'LINE_UNREADABLE', line: 2, text: '2027-10-8x' },
      { code: 'RANGE_BACKWARDS', line: 3, text: '2027-10-07至10-01' },
      { code: 'RANGE_TOO_LONG', line: 4, text: '2027-01-01至2027-03-01' },
      { code: 'RANGE_DATE_INVALID', line: 5, text: '2027-02-27至02-30' },
      { code: 'LINE_UNREADABLE', line: 6, text: '国庆节' },
    ]);
    expect(parsed.dates).toEqual(['2027-10-01']);
    // The longest allowed range is read.
    expect(parseDateLines(`2027-01-01..${dateSpan('2027-01-01', '2027-12-31')[MAX_RANGE_DAYS - 1]}`).dates).toHaveLength(MAX_RANGE_DAYS);
  });

  it('writes a stored table back as runs, which read back to the same dates', () => {
    const table = PUBLISHED_CALENDAR_YEARS.find((y) => y.year === 2026)!;
    const text = formatDateLines(table.holidays);
    expect(text.split('\n').length).toBe(dateRuns(table.holidays).length);
    expect(text).toContain('..');
    expect(parseDateLines(text).dates).toEqual([...table.holidays].sort());
    expect(dateRuns(['2027-10-02', '2027-10-01', '2027-10-01', '2027-10-05'])).toEqual([
      { from: '2027-10-01', to: '2027-10-02', days: 2 },
      { from: '2027-10-05', to: '2027-10-05', days: 1 },
    ]);
  });
});

const draft = (over: Partial<CalendarDraft> = {}): CalendarDraft => ({
  year: '2027',
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  holidays: '2027-01-01\n2027-10-01至10-07',
  workdays: '2027-09-26\n2027-10-09',
  ...over,
});

describe('checking a draft with the shared validator', () => {
  it('passes a good draft and sends the dates sorted, the source trimmed', () => {
    const checked = checkDraft(draft({ holidays: '2027-10-01至10-07\n2027-01-01', source: '  通知  ' }));
    expect(checked.problems).toEqual([]);
    expect(checked.table).toEqual({ year: 2027, holidays: ['2027-01-01', ...dateSpan('2027-10-01', '2027-10-07')], workdays: ['2027-09-26', '2027-10-09'], source: '通知' });
    expect(validateCalendarYear(checked.table)).toEqual([]);
  });

  it('puts every problem of bad input next to its field, with its line, in field order', () => {
    const checked = checkDraft({
      year: '2027',
      source: '   ',
      holidays: ['2027-01-01', '2027-10-8x', '2027-12-30..2028-01-02', '2027-01-01'].join('\n'),
      workdays: ['2027-10-08', '2027-01-01'].join('\n'),
    });
    expect(checked.problems).toEqual([
      { field: 'source', code: 'SOURCE_EMPTY', line: undefined, date: undefined, more: 0 },
      { field: 'holidays', code: 'LINE_UNREADABLE', line: 2, text: '2027-10-8x', more: 0 },
      // A range reaching into the next year is one problem of its line, however many days it has there.
      { field: 'holidays', code: 'DATE_OUTSIDE_YEAR', line: 3, date: '2028-01-01', more: 1 },
      { field: 'holidays', code: 'DATE_DUPLICATE', line: 4, date: '2027-01-01', more: 0 },
      { field: 'workdays', code: 'WORKDAY_NOT_ON_WEEKEND', line: 1, date: '2027-10-08', more: 0 },
      { field: 'workdays', code: 'WORKDAY_NOT_ON_WEEKEND', line: 2, date: '2027-01-01', more: 0 },
      { field: 'workdays', code: 'DATE_BOTH_HOLIDAY_AND_WORKDAY', line: 2, date: '2027-01-01', more: 0 },
    ]);
  });

  it('reads the year strictly', () => {
    expect(parseYear(' 2027 ')).toBe(2027);
    expect(parseYear('２０２７')).toBe(2027);
    expect(parseYear('2027年')).toBeNaN();
    expect(checkDraft(draft({ year: '' })).problems.map((p) => [p.field, p.code])).toEqual([['year', 'YEAR_INVALID']]);
    expect(checkDraft(draft({ year: '1999', holidays: '', workdays: '' })).problems.map((p) => p.code)).toEqual(['YEAR_OUT_OF_RANGE']);
  });

  it('reads the server refusal back into the same problems, and keeps what it cannot read in its words', () => {
    const sent = checkDraft(draft({ holidays: '2027-01-01\n2027-10-01至10-03\n2027-10-02', workdays: '2027-10-08' }));
    // The server words its refusal from the same validator (sync-server/routes/admin-calendar.ts).
    const message = validateCalendarYear({ ...sent.table, holidays: sent.holidays.dates, source: '' })
      .map((p) => `${p.field}: ${p.code}${p.date ? ` ${p.date}` : ''}`)
      .join('; ');
    expect(message).toBe('holidays: DATE_DUPLICATE 2027-10-02; workdays: WORKDAY_NOT_ON_WEEKEND 2027-10-08; source: SOURCE_EMPTY');
    expect(serverProblems(message, sent)).toEqual([
      { field: 'holidays', code: 'DATE_DUPLICATE', line: 3, date: '2027-10-02', more: 0 },
      { field: 'workdays', code: 'WORKDAY_NOT_ON_WEEKEND', line: 1, date: '2027-10-08', more: 0 },
      { field: 'source', code: 'SOURCE_EMPTY', line: undefined, date: undefined, more: 0 },
    ]);
    expect(serverProblems('something else went wrong', sent)).toEqual([{ field: 'input', code: 'SERVER_OTHER', text: 'something else went wrong', more: 0 }]);
  });
});

describe('the problems in words', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'zh-CN', ns: ['admin'], defaultNS: 'admin', resources: { 'zh-CN': { admin: readMessages('zh-CN', 'admin') } }, interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it('says the line, the date and its weekday in Chinese', () => {
    const checked = checkDraft(draft({ holidays: '2027-01-01\n2027-10-8x', workdays: '2027-10-08' }));
    expect(checked.problems.map((p) => problemText(t, p, checked.year))).toEqual([
      '第 2 行：无法识别“2027-10-8x”，请写成 2027-10-01 或 2027-10-01至10-07 这样的日期或日期段',
      '第 1 行：2027-10-08 是星期五，本来就是工作日。调休上班日应为星期六或星期日，是否应填在放假日期中？',
    ]);
    const outside = checkDraft(draft({ holidays: '2027-12-31..2028-01-02' }));
    expect(problemText(t, outside.problems[0], outside.year)).toBe('第 1 行：2028-01-01 及另外 1 天 不在 2027 年内');
    expect(problemText(t, checkDraft(draft({ source: '' })).problems[0], 2027)).toBe('请填写来源，例如通知的标题、文号和网址');
  });

  it.each(['zh-CN', 'en', 'bo'])('%s has a message for every problem and every name the calendar shows', (locale) => {
    const keys = new Set(flatten(readMessages(locale, 'admin')).map(([k]) => k));
    const needed = [
      ...[...LINE_PROBLEM_CODES, ...CALENDAR_PROBLEM_CODES, 'SERVER_OTHER', 'atLine', 'andMore'].map((c) => `calendar.problems.${c}`),
      ...Array.from({ length: 12 }, (_, i) => `calendar.months.${i + 1}`),
      ...WEEK_COLUMNS.flatMap((d) => [`calendar.weekdays.short.${d}`, `calendar.weekdays.long.${d}`]),
      ...['HOLIDAY', 'MAKEUP_WORKDAY', 'WEEKEND', 'WEEKDAY'].flatMap((k) => [`calendar.kinds.${k}`, `calendar.legendItems.${k}`]),
      'calendar.marks.HOLIDAY',
      'calendar.marks.MAKEUP_WORKDAY',
      'tabs.calendar',
      'errors.CALENDAR_INVALID',
      'audit.actions.calendar_update',
      'audit.targetTypes.calendar',
    ];
    expect(needed.filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe('showing a year', () => {
  const table2027: CalendarYear = {
    year: 2027,
    holidays: ['2027-01-01', ...dateSpan('2027-10-01', '2027-10-07')],
    workdays: ['2027-09-26', '2027-10-09'],
    source: '测试 https://www.gov.cn/zhengce/content/test.htm（2026年）',
  };

  it('draws twelve months of weeks from Monday, each day marked by how it counts', () => {
    const calendar = calendarOf(table2027)!;
    const grid = yearGrid(2027, calendar);
    expect(grid.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const cells = grid.flatMap((m) => m.weeks.flat()).filter((c) => c !== null);
    expect(cells).toHaveLength(365);
    // 1 January 2027 is a Friday: the fifth column, after four empty days.
    expect(grid[0].weeks[0].slice(0, 4)).toEqual([null, null, null, null]);
    expect(grid[0].weeks[0][4]).toEqual({ date: '2027-01-01', day: 1, kind: 'HOLIDAY' });
    expect(grid[0].weeks[0][5]?.kind).toBe('WEEKEND');
    for (const m of grid) for (const w of m.weeks) expect(w).toHaveLength(7);
    const kindOf = (date: string) => cells.find((c) => c.date === date)?.kind;
    expect(kindOf('2027-09-26')).toBe('MAKEUP_WORKDAY');
    expect(kindOf('2027-10-04')).toBe('HOLIDAY');
    expect(kindOf('2027-10-08')).toBe('WEEKDAY');
    expect(kindOf('2027-02-29')).toBeUndefined();
    // A leap year has its 29 February.
    expect(yearGrid(2028, calendarOf({ ...table2027, year: 2028, holidays: [], workdays: [] })!)[1].weeks.flat().filter(Boolean)).toHaveLength(29);
  });

  it('cannot draw a table that does not validate', () => {
    expect(calendarOf({ ...table2027, source: '' })).toBeNull();
  });

  it('counts, compares, and finds the links in the source', () => {
    expect(tableCounts(table2027)).toEqual({ holidays: 8, holidaysOnWeekdays: 6, workdays: 2 });
    expect(isEmptyDiff(tableDiff(table2027, { ...table2027, holidays: [...table2027.holidays].reverse(), source: ` ${table2027.source} ` }))).toBe(true);
    expect(tableDiff(table2027, { ...table2027, holidays: ['2027-01-01', '2027-02-08'], source: 'x' })).toEqual({
      holidaysAdded: ['2027-02-08'],
      holidaysRemoved: dateSpan('2027-10-01', '2027-10-07'),
      workdaysAdded: [],
      workdaysRemoved: [],
      sourceChanged: true,
    });
    expect(sourceParts(table2027.source)).toEqual([{ text: '测试 ' }, { text: 'https://www.gov.cn/zhengce/content/test.htm', url: 'https://www.gov.cn/zhengce/content/test.htm' }, { text: '（2026年）' }]);
    const url = 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm';
    expect(sourceParts(`通知（2023年10月25日）${url}`)).toEqual([{ text: '通知（2023年10月25日）' }, { text: url, url }]);
    expect(sourceParts(`见 ${url}. 另见 http://example.org/a?b=1，完`)).toEqual([
      { text: '见 ' },
      { text: url, url },
      { text: '. 另见 ' },
      { text: 'http://example.org/a?b=1', url: 'http://example.org/a?b=1' },
      { text: '，完' },
    ]);
    expect(sourceParts('没有网址')).toEqual([{ text: '没有网址' }]);
  });

  it('proposes the first missing year, and shows this year unless another is picked', () => {
    expect(suggestedYear({ years: [table2027], missingYears: [2028, 2026] }, '2026-11-27')).toBe(2026);
    expect(suggestedYear({ years: [table2027], missingYears: [] }, '2026-11-27')).toBe(2028);
    expect(suggestedYear(null, '2026-11-27')).toBe(2026);
    expect(shownYearOf([2024, 2025, 2026], null, '2026-11-27')).toBe(2026);
    expect(shownYearOf([2024, 2025, 2026, 2027], 2027, '2026-11-27')).toBe(2027);
    expect(shownYearOf([2024, 2025], 2027, '2026-11-27')).toBe(2025);
    expect(shownYearOf([], null, '2026-11-27')).toBeNull();
  });
});
