import { useTranslation } from 'react-i18next';
import { useLabel } from '../../admin/shared/useLabel';
import type { MonthCloseResponse } from '../../domain/figures/month-close-api';
import { formatCstMinute } from '../../domain/time';
import { cellLabel, fieldChange, rowLabel, valueText, windowLabel } from './labels';

type Change = MonthCloseResponse['corrections'][number];
type Signature = NonNullable<Change['after']>;

/** A signature's value of a field ("handling.calledBack" reads the handling's bit). */
function valueOf(s: Signature | null, field: string): unknown {
  if (!s) return null;
  if (field.startsWith('handling.')) return s.handling ? s.handling[field.slice(9) as keyof NonNullable<Signature['handling']>] : null;
  return s[field as keyof Signature];
}

/**
 * The corrections against the latest version: each changed figure per row (was → now), then the ratings that
 * changed them, each with its time, window, staff, level, channel, why, and the fields that changed.
 */
export function CorrectionsView({ data, version }: { data: MonthCloseResponse; version: number }) {
  const { t } = useTranslation('monthClose');
  const label = useLabel();
  const staffName = (id: string | null) => {
    const s = id ? data.refs.staff.find((x) => x.id === id) : undefined;
    return s ? t('table.staffRow', { name: s.name, employeeNo: s.employeeNo }) : (id ?? '—');
  };
  const fmt = (field: string, value: unknown) =>
    field === 'ratedAt' && typeof value === 'number'
      ? formatCstMinute(value)
      : field === 'windowId' && typeof value === 'string'
        ? windowLabel(t, value, data.refs, label)
        : field === 'staffId'
          ? staffName(value as string | null)
          : valueText(t, field, value);
  if (data.changedRows.length === 0 && data.correctionsTotal === 0) {
    return (
      <p className="hint" data-testid="month-close-no-corrections">
        {t('corrections.none', { version })}
      </p>
    );
  }
  return (
    <section className="corrections" data-testid="month-close-corrections">
      <h3>{t('corrections.heading', { version })}</h3>
      <table data-testid="month-close-changed-cells">
        <caption>{t('corrections.cellsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.row')}</th>
            <th scope="col">{t('corrections.cell')}</th>
            <th scope="col">{t('corrections.change')}</th>
          </tr>
        </thead>
        <tbody>
          {data.changedRows.flatMap((r) =>
            r.cells.map((c) => (
              <tr key={`${r.scope}|${r.unitId}|${r.windowId}|${r.staffId}|${c.cell}`} data-scope={r.scope} data-cell={c.cell}>
                <th scope="row">{rowLabel(t, r, data.refs, label)}</th>
                <td>{cellLabel(t, c.cell)}</td>
                <td className="num">
                  {c.before} → {c.after}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <table data-testid="month-close-changed-ratings">
        <caption>{t('corrections.ratingsCaption')}</caption>
        <thead>
          <tr>
            {(['time', 'window', 'staff', 'level', 'channel', 'why', 'detail'] as const).map((k) => (
              <th key={k} scope="col">
                {t(`corrections.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.corrections.map((c) => {
            const s = (c.after ?? c.before)!;
            return (
              <tr key={s.id} data-rating-id={s.id} data-why={c.why}>
                <td>{formatCstMinute(s.ratedAt)}</td>
                <td>{windowLabel(t, s.windowId, data.refs, label)}</td>
                <td>{staffName(s.staffId)}</td>
                <td>{t(`levels.${s.level}`)}</td>
                <td>{t(`channels.${s.channel}`)}</td>
                <td>{t(`why.${c.why}`)}</td>
                <td>{/* 'handling' appearing or going only follows the state, said already. */}
                  {c.fields.filter((f) => f !== 'handling').map((f) => fieldChange(t, f, valueOf(c.before, f), valueOf(c.after, f), fmt)).join('; ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.correctionsTotal > data.corrections.length && <p className="hint">{t('corrections.more', { total: data.correctionsTotal, shown: data.corrections.length })}</p>}
    </section>
  );
}
