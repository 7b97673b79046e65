import { type CalendarYear, dateSpan, makeCalendar } from './workdays';

/**
 * The State Council's published holiday lists the system is seeded with, one table per year (DOMAIN.md, "Time and
 * working days"). Each span below is the notice's own line, quoted; `holidays` lists every day off of a span,
 * weekend days included, and `workdays` the make-up working days (调休上班).
 *
 * Verified against the notice text as republished by Xinhua and others and against the holiday-cn data set
 * (NateScarlet/holiday-cn) and the chinese-days package (vsme/chinese-days); see the unit test for the checks.
 *
 * 2027 is deliberately absent: its notice was not published as of 2026-11-27, so 2027 is an unknown year. When the
 * notice comes out (usually November or December), add it here or let an administrator enter it.
 */

const year2024: CalendarYear = {
  year: 2024,
  source:
    '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）' +
    'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  holidays: [
    // 一、元旦：1月1日放假，与周末连休。
    '2024-01-01',
    // 二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
    // (The notice only encourages employers to let staff rest on 除夕, 2月9日; it is not a holiday.)
    ...dateSpan('2024-02-10', '2024-02-17'),
    // 三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
    ...dateSpan('2024-04-04', '2024-04-06'),
    // 四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
    ...dateSpan('2024-05-01', '2024-05-05'),
    // 五、端午节：6月10日放假，与周末连休。
    '2024-06-10',
    // 六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
    ...dateSpan('2024-09-15', '2024-09-17'),
    // 七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
    ...dateSpan('2024-10-01', '2024-10-07'),
  ],
  workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
};

const year2025: CalendarYear = {
  year: 2025,
  source:
    '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）' +
    'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  holidays: [
    // 一、元旦：1月1日（周三）放假1天，不调休。
    '2025-01-01',
    // 二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
    ...dateSpan('2025-01-28', '2025-02-04'),
    // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
    ...dateSpan('2025-04-04', '2025-04-06'),
    // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
    ...dateSpan('2025-05-01', '2025-05-05'),
    // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
    ...dateSpan('2025-05-31', '2025-06-02'),
    // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
    ...dateSpan('2025-10-01', '2025-10-08'),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

const year2026: CalendarYear = {
  year: 2026,
  source:
    '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）' +
    'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
  holidays: [
    // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    ...dateSpan('2026-01-01', '2026-01-03'),
    // 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    ...dateSpan('2026-02-15', '2026-02-23'),
    // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
    ...dateSpan('2026-04-04', '2026-04-06'),
    // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
    ...dateSpan('2026-05-01', '2026-05-05'),
    // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
    ...dateSpan('2026-06-19', '2026-06-21'),
    // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
    ...dateSpan('2026-09-25', '2026-09-27'),
    // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
    ...dateSpan('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** The published tables, oldest first. */
export const PUBLISHED_CALENDAR_YEARS: readonly Readonly<CalendarYear>[] = Object.freeze([year2024, year2025, year2026]);

/** The calendar built from the published tables; an administrator's tables are added with `withCalendarYear`. */
export const SEED_CALENDAR = makeCalendar([...PUBLISHED_CALENDAR_YEARS]);
