import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dayOfWeek, type Calendar, type CalendarYear, type DayKind } from '../../domain/workdays';
import { dateRuns } from './calendar-lines';
import { WEEK_COLUMNS, yearGrid, type DayCell } from './calendar-view';

/** "10月1日" / "October 1": a date of the year shown, without the year. */
export function dayText(t: TFunction, date: string): string {
  return t('calendar.dayOfMonth', { month: t(`calendar.months.${Number(date.slice(5, 7))}`), day: Number(date.slice(8, 10)) });
}

/** The dates as the notices write them: runs of days off ("10月1日至10月7日（7天）"), single days with their weekday. */
export function runsText(t: TFunction, dates: readonly string[]): string {
  return dateRuns(dates)
    .map((r) =>
      r.days === 1
        ? t('calendar.singleDay', { date: dayText(t, r.from), weekday: t(`calendar.weekdays.long.${dayOfWeek(r.from)}`) })
        : t('calendar.span', { from: dayText(t, r.from), to: dayText(t, r.to), count: r.days }),
    )
    .join(t('calendar.listSeparator'));
}

const KIND_CLASS: Record<DayKind, string> = {
  HOLIDAY: 'day-holiday',
  MAKEUP_WORKDAY: 'day-makeup',
  WEEKEND: 'day-weekend',
  WEEKDAY: 'day-weekday',
};

function DayTd({ cell, today }: { cell: DayCell; today: string }) {
  const { t } = useTranslation('admin');
  const kind = cell.kind;
  const label = kind ? t(`calendar.kinds.${kind}`) : '';
  const mark = kind === 'HOLIDAY' || kind === 'MAKEUP_WORKDAY' ? t(`calendar.marks.${kind}`) : null;
  return (
    <td
      className={`day ${kind ? KIND_CLASS[kind] : ''}${cell.date === today ? ' day-today' : ''}`}
      data-date={cell.date}
      data-kind={kind ?? undefined}
      title={label ? `${cell.date} ${label}` : cell.date}
      aria-current={cell.date === today ? 'date' : undefined}
    >
      <span className="day-num">{cell.day}</span>
      {mark && (
        <span className="day-mark" aria-hidden="true">
          {mark}
        </span>
      )}
      {mark && <span className="visually-hidden">{label}</span>}
    </td>
  );
}

/** What the colours and marks of the month grids mean. */
export function CalendarLegend() {
  const { t } = useTranslation('admin');
  const kinds: DayKind[] = ['HOLIDAY', 'MAKEUP_WORKDAY', 'WEEKEND', 'WEEKDAY'];
  return (
    <ul className="calendar-legend" aria-label={t('calendar.legend')}>
      {kinds.map((k) => (
        <li key={k}>
          <span className={`legend-swatch ${KIND_CLASS[k]}`} aria-hidden="true">
            {k === 'HOLIDAY' || k === 'MAKEUP_WORKDAY' ? t(`calendar.marks.${k}`) : ''}
          </span>
          {t(`calendar.legendItems.${k}`)}
        </li>
      ))}
    </ul>
  );
}

interface CalendarMonthsProps {
  table: CalendarYear;
  calendar: Calendar;
  /** Today in China, marked in its month. */
  today: string;
  testId: string;
}

/**
 * A year at a glance: twelve small month grids with the holidays (休) and make-up workdays (班) marked and the
 * weekends shaded, then the same lists written out as the notice writes them, to compare line by line.
 */
export function CalendarMonths({ table, calendar, today, testId }: CalendarMonthsProps) {
  const { t } = useTranslation('admin');
  const grids = useMemo(() => yearGrid(table.year, calendar), [table.year, calendar]);
  return (
    <div className="calendar-view" data-testid={testId} data-year={table.year}>
      <CalendarLegend />
      <div className="month-grids">
        {grids.map((g) => (
          <table key={g.month} className="month-grid" data-month={g.month}>
            <caption>{t('calendar.monthCaption', { year: table.year, month: t(`calendar.months.${g.month}`) })}</caption>
            <thead>
              <tr>
                {WEEK_COLUMNS.map((d) => (
                  <th scope="col" key={d} className={d === 0 || d === 6 ? 'weekend-head' : undefined}>
                    <abbr title={t(`calendar.weekdays.long.${d}`)}>{t(`calendar.weekdays.short.${d}`)}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.weeks.map((week, i) => (
                <tr key={i}>
                  {week.map((cell, j) => (cell ? <DayTd key={cell.date} cell={cell} today={today} /> : <td key={`pad-${j}`} className="day-pad" />))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <dl className="calendar-lists">
        <div>
          <dt>{t('calendar.kinds.HOLIDAY')}</dt>
          <dd data-testid={`${testId}-holidays`}>{table.holidays.length > 0 ? runsText(t, table.holidays) : t('calendar.none')}</dd>
        </div>
        <div>
          <dt>{t('calendar.kinds.MAKEUP_WORKDAY')}</dt>
          <dd data-testid={`${testId}-workdays`}>{table.workdays.length > 0 ? runsText(t, table.workdays) : t('calendar.none')}</dd>
        </div>
      </dl>
    </div>
  );
}
