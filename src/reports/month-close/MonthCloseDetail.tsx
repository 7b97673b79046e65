import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import { useLabel } from '../../admin/shared/useLabel';
import { buildPath } from '../../domain/endpoints';
import type { MonthCloseResponse } from '../../domain/figures/month-close-api';
import { REPORT_PATHS } from '../../domain/figures/reports-api';
import { formatCstMinute } from '../../domain/time';
import { CorrectionsView } from './CorrectionsView';
import { lastOnTimeDay, monthLabel, MONTH_CLOSE_SUBMITTED_EVENT, rowLabel } from './labels';

type Row = MonthCloseResponse['live']['rows'][number];

function FiguresTable({ caption, rows, refs }: { caption: string; rows: Row[]; refs: MonthCloseResponse['refs'] }) {
  const { t } = useTranslation('monthClose');
  const label = useLabel();
  return (
    <table data-testid="month-close-figures">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {(['row', 'total', 'satisfied', 'bad', 'defaults', 'invalid', 'satisfaction'] as const).map((k) => (
            <th key={k} scope="col">
              {t(`table.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.scope}|${r.unitId}|${r.windowId}|${r.staffId}`} data-scope={r.scope}>
            <th scope="row">{rowLabel(t, r, refs, label)}</th>
            <td className="num" data-cell="total">{r.total}</td>
            <td className="num">{r.satisfied}</td>
            <td className="num">{r.bad}</td>
            <td className="num">{r.defaults}</td>
            <td className="num" data-cell="invalid">{r.invalid}</td>
            <td className="num">{r.rates.satisfaction.percent === null ? '—' : `${r.rates.satisfaction.percent.toFixed(2)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SubmitPanel({ data, onDone }: { data: MonthCloseResponse; onDone: (version: number) => void }) {
  const { t } = useTranslation('monthClose');
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const latest = data.versions[data.versions.length - 1]?.version ?? 0;
  const next = latest + 1;
  const month = monthLabel(t, data.month);
  async function submit() {
    setSending(true);
    setError(undefined);
    try {
      const path = buildPath(REPORT_PATHS.monthClose, { month: data.month }) + (data.unitId ? `?unitId=${encodeURIComponent(data.unitId)}` : '');
      await apiRequest('POST', path, { json: { corrects: latest } });
      setAsking(false);
      onDone(next);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }
  return (
    <div className="submit-panel">
      {!asking ? (
        <button type="button" data-testid="month-close-submit" onClick={() => setAsking(true)}>
          {latest === 0 ? t('submit.first', { month }) : t('submit.corrected', { version: next })}
        </button>
      ) : (
        <div className="confirm" role="group" aria-label={t('submit.confirm')}>
          <p>{latest === 0 ? t('submit.confirmFirst', { month }) : t('submit.confirmCorrected', { version: next })}</p>
          <button type="button" data-testid="month-close-confirm" disabled={sending} onClick={() => void submit()}>
            {sending ? t('submit.sending') : t('submit.confirm')}
          </button>
          <button type="button" className="secondary" disabled={sending} onClick={() => setAsking(false)}>
            {t('submit.cancel')}
          </button>
        </div>
      )}
      {error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}

/** One month: its versions (who, when, on time), the figures of the latest (or the live ones), the corrections, the submission. */
export function MonthCloseDetail({ month, onListChanged }: { month: string; onListChanged: () => void }) {
  const { t } = useTranslation('monthClose');
  const detail = useResource(() => apiRequest<MonthCloseResponse>('GET', buildPath(REPORT_PATHS.monthClose, { month })), [month]);
  const [done, setDone] = useState<number | null>(null);
  const data = detail.data;
  if (!data) {
    return detail.error !== undefined ? (
      <p className="form-failure" role="alert">
        {errorText(t, detail.error)}
      </p>
    ) : (
      <p className="page-loading">{t('detail.loading')}</p>
    );
  }
  const changed = data.correctionsTotal > 0 || data.changedRows.length > 0;
  const mayCorrect = data.canSubmit && (data.snapshot === null || changed);
  return (
    <article data-testid="month-close-detail" data-month={month}>
      <h2>
        {t('detail.heading', { month: monthLabel(t, month) })} · <span className={`status-${data.status}`} data-testid="month-close-status">{t(`status.${data.status}`)}</span>
      </h2>
      <p>{data.canSubmit ? t('detail.deadline', { lastDay: lastOnTimeDay(data.deadline) }) : t('detail.notEnded')}</p>
      <button type="button" className="secondary" onClick={() => (void detail.reload(), onListChanged())} disabled={detail.loading}>
        {t('detail.reload')}
      </button>
      {data.versions.length > 0 && (
        <table data-testid="month-close-versions">
          <caption>{t('versions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('versions.version')}</th>
              <th scope="col">{t('versions.by')}</th>
              <th scope="col">{t('versions.at')}</th>
              <th scope="col">{t('months.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{t('months.version', { version: v.version })}</th>
                <td>{v.submittedBy.name}</td>
                <td>{formatCstMinute(v.submittedAt)}</td>
                <td>{v.late ? t('versions.late') : t('versions.onTime')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.snapshot ? (
        <>
          <FiguresTable caption={t('table.snapshotCaption', { version: data.snapshot.version, at: formatCstMinute(data.snapshot.generatedAt) })} rows={data.snapshot.rows} refs={data.refs} />
          <CorrectionsView data={data} version={data.snapshot.version} />
        </>
      ) : (
        <FiguresTable caption={t('table.liveCaption')} rows={data.live.rows} refs={data.refs} />
      )}
      {done !== null && (
        <p role="status" data-testid="month-close-done">
          {t('submit.done', { version: done })}
        </p>
      )}
      {mayCorrect && (
        <SubmitPanel
          key={data.versions.length}
          data={data}
          onDone={(version) => {
            setDone(version);
            void detail.reload();
            window.dispatchEvent(new Event(MONTH_CLOSE_SUBMITTED_EVENT));
          }}
        />
      )}
    </article>
  );
}
