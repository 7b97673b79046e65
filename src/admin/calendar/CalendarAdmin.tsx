import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cstDate } from '../../domain/time';
import type { CalendarYear } from '../../domain/workdays';
import { apiRequest } from '../../account/api-client';
import type { Resource } from '../../account/useResource';
import { adminErrorText } from '../shared/admin-errors';
import { FormDone, LoadFailure } from '../shared/AdminForm';
import { CalendarEditor } from './CalendarEditor';
import { CalendarMonths } from './CalendarMonths';
import { ADMIN_CALENDAR_PATH, calendarOf, shownYearOf, sourceParts, suggestedYear, tableCounts, type CalendarAnswer } from './calendar-view';
import './calendar.css';

/**
 * The working-day tables and the years missing one, oldest first. Loaded with the tabs (not only with the calendar
 * tab), so the tab itself can carry a warning badge while this year's or next year's list has not been entered.
 */
export async function loadCalendar(): Promise<CalendarAnswer> {
  const answer = await apiRequest<CalendarAnswer>('GET', ADMIN_CALENDAR_PATH);
  return { years: [...answer.years].sort((a, b) => a.year - b.year), missingYears: [...answer.missingYears].sort((a, b) => a - b) };
}

type Editing = { mode: 'new'; year: number } | { mode: 'edit'; year: number } | null;

/**
 * The working-day calendar (工作日历): the years missing a table first, then one stored year at a time (its source
 * and its months), and the editor to enter a new year or correct one. The tables are loaded by AdminTabs, whose
 * tab button carries the warning too.
 */
export function CalendarAdmin({ state }: { state: Resource<CalendarAnswer> }) {
  const { t } = useTranslation('admin');
  const { data: calendar, error, loading, reload } = state;
  // The previous tables stay shown under the last load's refusal.
  const failure = error === undefined ? null : adminErrorText(t, error);
  const today = cstDate(Date.now());
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const years = calendar?.years ?? [];
  const knownYears = years.map((y) => y.year);
  const shownYear = shownYearOf(knownYears, selected, today);
  const table = years.find((y) => y.year === shownYear);

  const open = (next: Editing) => {
    setDone(null);
    setEditing(next);
  };
  const saved = async (year: number) => {
    await reload();
    setSelected(year);
    setEditing(null);
    setDone(t('calendar.saved', { year }));
  };

  return (
    <section className="admin-section calendar-admin" aria-labelledby="calendar-heading">
      <div className="section-head">
        <h2 id="calendar-heading">{t('calendar.heading')}</h2>
        {calendar && editing?.mode !== 'new' && (
          <button type="button" className="primary" data-testid="add-calendar-year" onClick={() => open({ mode: 'new', year: suggestedYear(calendar, today) })}>
            {t('calendar.add')}
          </button>
        )}
      </div>
      {calendar && calendar.missingYears.length > 0 && (
        <MissingYears years={calendar.missingYears} onEnter={(year) => open({ mode: 'new', year })} />
      )}
      <p className="hint">{t('calendar.intro')}</p>
      {failure !== null && <LoadFailure message={t('calendar.loadFailed', { message: failure })} retry={reload} />}
      {!calendar && failure === null && loading && <p className="hint">{t('loading')}</p>}
      <FormDone message={done} />
      {editing && (
        <CalendarEditor
          key={`${editing.mode}-${editing.year}`}
          table={editing.mode === 'edit' ? years.find((y) => y.year === editing.year) : undefined}
          year={editing.year}
          knownYears={knownYears}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      {calendar && years.length === 0 && <p className="hint">{t('calendar.noYears')}</p>}
      {years.length > 0 && (
        <div className="calendar-toolbar">
          <label className="calendar-year-pick">
            <span>{t('calendar.year')}</span>
            <select
              data-testid="calendar-year-select"
              value={shownYear ?? ''}
              onChange={(e) => {
                setSelected(Number(e.target.value));
                if (editing?.mode === 'edit') setEditing(null);
              }}
            >
              {knownYears.map((y) => (
                <option key={y} value={y}>
                  {t('calendar.yearOption', { year: y })}
                </option>
              ))}
            </select>
          </label>
          {table && !(editing?.mode === 'edit' && editing.year === table.year) && (
            <button type="button" className="secondary" data-testid="edit-calendar-year" onClick={() => open({ mode: 'edit', year: table.year })}>
              {t('calendar.edit', { year: table.year })}
            </button>
          )}
        </div>
      )}
      {table && <YearView table={table} today={today} />}
    </section>
  );
}

/** This year's or next year's list has not been entered: its deadlines are only estimates. */
function MissingYears({ years, onEnter }: { years: readonly number[]; onEnter: (year: number) => void }) {
  const { t } = useTranslation('admin');
  return (
    <div className="calendar-missing" role="alert" data-testid="calendar-missing">
      {years.map((year) => (
        <div key={year} className="calendar-missing-year">
          <p>
            <strong>{t('calendar.missing', { year })}</strong>
          </p>
          <button type="button" className="secondary small" data-testid={`enter-calendar-${year}`} onClick={() => onEnter(year)}>
            {t('calendar.enterYear', { year })}
          </button>
        </div>
      ))}
      <p className="hint">{t('calendar.missingHint')}</p>
    </div>
  );
}

/** One stored year: where it comes from, what it comes to, and its months. */
function YearView({ table, today }: { table: CalendarYear; today: string }) {
  const { t } = useTranslation('admin');
  const calendar = useMemo(() => calendarOf(table), [table]);
  const counts = tableCounts(table);
  return (
    <section className="calendar-year" aria-labelledby="calendar-year-heading" data-testid="calendar-year" data-year={table.year}>
      <h3 id="calendar-year-heading">{t('calendar.yearHeading', { year: table.year })}</h3>
      <dl className="calendar-source">
        <dt>{t('calendar.source')}</dt>
        <dd data-testid="calendar-source">
          {sourceParts(table.source).map((part, i) =>
            part.url ? (
              <a key={i} href={part.url} target="_blank" rel="noopener noreferrer">
                {part.text}
              </a>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </dd>
      </dl>
      <p className="hint" data-testid="calendar-summary">
        {t('calendar.summary', { holidays: counts.holidays, weekdays: counts.holidaysOnWeekdays, workdays: counts.workdays })}
      </p>
      {calendar ? (
        <CalendarMonths table={table} calendar={calendar} today={today} testId="calendar-months" />
      ) : (
        <p className="form-failure">{t('calendar.unreadable')}</p>
      )}
    </section>
  );
}
