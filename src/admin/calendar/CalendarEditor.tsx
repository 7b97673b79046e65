import { useState } from 'react';
import { useFormContext, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import type { CalendarYear } from '../../domain/workdays';
import { AdminForm, FormDone, useAdminForm } from '../shared/AdminForm';
import { checkDraft, problemText, serverProblems, type CalendarDraft, type EditorField, type EditorProblem } from './calendar-draft';
import { formatDateLines } from './calendar-lines';
import { ADMIN_CALENDAR_PATH, isEmptyDiff, tableCounts, tableDiff } from './calendar-view';
import { TextAreaField, TextField } from '../shared/Fields';

interface CalendarEditorProps {
  /** The stored table being corrected; absent when a new year is entered. */
  table?: CalendarYear;
  /** For a new year: the year proposed (the first missing one). */
  year?: number;
  /** Years that already have a table: a new year may not be one of them (correct it instead). */
  knownYears: readonly number[];
  onSaved: (year: number) => Promise<void>;
  onCancel: () => void;
}

const draftOf = (table: CalendarYear | undefined, year: number | undefined): CalendarDraft =>
  table
    ? { year: String(table.year), source: table.source, holidays: formatDateLines(table.holidays), workdays: formatDateLines(table.workdays) }
    : { year: year === undefined ? '' : String(year), source: '', holidays: '', workdays: '' };

type DraftField = Exclude<EditorField, 'input'>;

/**
 * Enters a year's holidays and make-up workdays, or corrects a stored year: the text is read and checked on the
 * device with the validator the server uses (each problem beside its field, with its line), then PUT; a refusal
 * of the server is shown beside the fields too.
 */
export function CalendarEditor({ table, year, knownYears, onSaved, onCancel }: CalendarEditorProps) {
  const { t } = useTranslation('admin');
  const [done, setDone] = useState<string | null>(null);
  const { methods, onSubmit, failure, setFailure } = useAdminForm<CalendarDraft>(draftOf(table, year), async (values, form) => {
    setDone(null);
    const checked = checkDraft(values);
    if (checked.problems.length > 0) return; // the field rules have shown them already
    if (table && isEmptyDiff(tableDiff(table, checked.table))) return setDone(t('common.noChanges'));
    try {
      await apiRequest('PUT', `${ADMIN_CALENDAR_PATH}/${checked.year}`, { json: checked.table });
    } catch (err) {
      if (!(err instanceof ApiRequestError) || err.code !== 'CALENDAR_INVALID') throw err;
      const shown: DraftField[] = table ? ['source', 'holidays', 'workdays'] : ['year', 'source', 'holidays', 'workdays'];
      const rest = showProblems(form, shown, serverProblems(err.message, checked), (p) => problemText(t, p, checked.year));
      setFailure([t('errors.CALENDAR_INVALID'), ...rest].join(' '));
      return;
    }
    await onSaved(checked.year);
  });

  /** The rule of one field: the draft's problems in that field, one line each. */
  const rule = (field: DraftField) => ({
    validate: () => {
      const checked = checkDraft(methods.getValues());
      const messages = checked.problems.filter((p) => p.field === field).map((p) => problemText(t, p, checked.year));
      if (field === 'year' && !table && messages.length === 0 && knownYears.includes(checked.year)) messages.push(t('calendar.yearExists', { year: checked.year }));
      return messages.length === 0 || messages.join('\n');
    },
  });

  return (
    <div className="calendar-editor">
      <AdminForm
        methods={methods}
        onSubmit={onSubmit}
        title={table ? t('calendar.editTitle', { year: table.year }) : t('calendar.addTitle')}
        submitLabel={t('common.save')}
        testId={table ? 'edit-calendar-form' : 'add-calendar-form'}
        failure={failure}
        onCancel={onCancel}
      >
        <p className="hint">{t('calendar.editorIntro')}</p>
        {!table && (
          <TextField
            name="year"
            label={t('calendar.year')}
            hint={t('calendar.yearHint')}
            input={{ inputMode: 'numeric', autoComplete: 'off', className: 'short' }}
            rules={{ ...rule('year'), deps: ['holidays', 'workdays'] }}
          />
        )}
        <TextField
          name="source"
          label={t('calendar.source')}
          hint={t('calendar.sourceHint')}
          input={{ autoComplete: 'off' }}
          rules={rule('source')}
        />
        <div className="form-grid calendar-lists-grid">
          <TextAreaField
            name="holidays"
            label={t('calendar.holidays')}
            hint={t('calendar.holidaysHint')}
            textarea={{ rows: 9, spellCheck: false, className: 'mono' }}
            rules={{ ...rule('holidays'), deps: ['workdays'] }}
          />
          <TextAreaField
            name="workdays"
            label={t('calendar.workdays')}
            hint={t('calendar.workdaysHint')}
            textarea={{ rows: 9, spellCheck: false, className: 'mono' }}
            rules={{ ...rule('workdays'), deps: ['holidays'] }}
          />
        </div>
        <DraftSummary />
        <FormDone message={done} />
      </AdminForm>
    </div>
  );
}

/**
 * Puts the server's problems beside their fields; answers those that belong to no field (or a field not shown),
 * in words, for the form's own message.
 */
function showProblems(form: UseFormReturn<CalendarDraft>, shown: readonly DraftField[], problems: EditorProblem[], text: (p: EditorProblem) => string): string[] {
  const byField = new Map<DraftField, string[]>();
  const rest: string[] = [];
  for (const p of problems) {
    if (p.field === 'input' || !shown.includes(p.field)) rest.push(text(p));
    else byField.set(p.field, [...(byField.get(p.field) ?? []), text(p)]);
  }
  for (const [field, messages] of byField) form.setError(field, { type: 'server', message: messages.join('\n') });
  return rest;
}

/** What the lists come to as typed, to compare with the notice ("共7天"). */
function DraftSummary() {
  const { t } = useTranslation('admin');
  const { control } = useFormContext<CalendarDraft>();
  const [year, holidays, workdays] = useWatch({ control, name: ['year', 'holidays', 'workdays'] });
  const checked = checkDraft({ year, source: '', holidays, workdays });
  const counts = tableCounts(checked.table);
  if (counts.holidays + counts.workdays === 0) return null;
  return (
    <p className="hint" data-testid="calendar-draft-summary" aria-live="polite">
      {t('calendar.summary', { holidays: counts.holidays, weekdays: counts.holidaysOnWeekdays, workdays: counts.workdays })}
    </p>
  );
}
