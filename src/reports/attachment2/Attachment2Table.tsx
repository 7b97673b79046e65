import { useTranslation } from 'react-i18next';
import type { Attachment2Response } from '../../domain/figures/attachment2-api';
import type { Attachment2Row } from '../../domain/figures/attachment2';
import { FIGURE_COLUMNS, headerSpans, percentText } from '../../domain/figures/attachment2-columns';
import { useLabel } from '../../admin/shared/useLabel';

const NAME_COLUMNS = ['scope', 'unit', 'window', 'staff'] as const;

/**
 * The Attachment 2 table on screen and on paper: two header rows from the shared column list (FIGURE_COLUMNS: the
 * same columns as the CSV and the XLSX), one line per row of the answer. A rate shows its percent and, on screen,
 * numerator/denominator under it; 0/0 is "—" (never 100%).
 */
export function Attachment2Table({ data }: { data: Attachment2Response }) {
  const { t } = useTranslation('reports');
  const label = useLabel();
  const units = new Map(data.names.units.map((u) => [u.id, label(u.name)]));
  const windows = new Map(data.names.windows.map((w) => [w.id, `${w.number} ${label(w.name)}`]));
  const staff = new Map(data.names.staff.map((s) => [s.id, s.name]));
  const names = (r: Attachment2Row) => [
    t(`attachment2.scope.${r.scope}`),
    r.scope === 'all' || r.unitId === null ? '' : (units.get(r.unitId) ?? r.unitId),
    r.windowId === null ? '' : (windows.get(r.windowId) ?? r.windowId),
    r.staffId === null ? '' : (staff.get(r.staffId) ?? r.staffId),
  ];
  return (
    <div className="a2-scroll">
      <table className="a2-table" data-testid="a2-table">
        <colgroup>
          {NAME_COLUMNS.map((c) => (
            <col key={c} className={`a2-col-${c}`} />
          ))}
          {FIGURE_COLUMNS.map((c) => (
            <col key={c.key} className={c.kind === 'rate' ? 'a2-col-rate' : 'a2-col-count'} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {NAME_COLUMNS.map((c) => (
              <th key={c} rowSpan={2} scope="col">
                {t(`attachment2.nameHeaders.${c}`)}
              </th>
            ))}
            {headerSpans().map((s) =>
              s.group === null ? (
                <th key={FIGURE_COLUMNS[s.start]!.key} rowSpan={2} scope="col">
                  {t(`attachment2.columns.${FIGURE_COLUMNS[s.start]!.key}`)}
                </th>
              ) : (
                <th key={s.group} colSpan={s.width} scope="colgroup">
                  {t(`attachment2.groups.${s.group}`)}
                </th>
              ),
            )}
          </tr>
          <tr>
            {FIGURE_COLUMNS.filter((c) => c.group !== null).map((c) => (
              <th key={c.key} scope="col">
                {t(`attachment2.columns.${c.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={`${r.scope}:${r.unitId}:${r.windowId}:${r.staffId}`} className={`a2-row-${r.scope}`}>
              {names(r).map((text, i) => (i === 0 ? <th key={i} scope="row">{text}</th> : <td key={i} className="a2-name">{text}</td>))}
              {FIGURE_COLUMNS.map((c) => {
                if (c.kind === 'count') return <td key={c.key} className="num">{c.value(r)}</td>;
                const rate = c.value(r);
                return (
                  <td key={c.key} className="num" title={rate.percent === null ? t('attachment2.noRate') : undefined}>
                    {percentText(rate)}
                    <span className="a2-fraction">
                      {rate.numerator}/{rate.denominator}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
