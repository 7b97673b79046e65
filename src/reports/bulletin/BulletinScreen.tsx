import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import type { Me } from '../../domain/account-api';
import type { Bulletin } from '../../domain/figures/bulletin-api';
import { summarySentences } from '../../domain/figures/bulletin-summary';
import { REPORT_PATHS } from '../../domain/figures/reports-api';
import { lastCompleteQuarter, previousQuarter, quarterOfCst } from '../../domain/figures/quarter';
import { reportScope } from '../../domain/roles';
import { DEFAULT_LOCALE, pickLabel, type LocalizedText } from '../../domain/locales';
import { isLocale } from '../../i18n';
import { ConcentrationChart, LevelChart, ParetoChart, TrendChart } from './BulletinCharts';
import { ConcentrationTable, LevelTable, RankingTable, ReasonTable, TrendTable } from './BulletinTables';
import { bulletinNames, quarterName } from './bulletin-names';
import './bulletin.css';

/** The quarters offered: this one (so far) and the seven before it. */
function quarterChoices(now: number): string[] {
  const out = [quarterOfCst(now)];
  while (out.length < 8) out.push(previousQuarter(out[out.length - 1]!));
  return out;
}

/**
 * /reports → 季度情况通报 (issue 15): a quarter's bulletin of the whole scope or one unit (a lead: their window), its
 * summary paragraph written from the figures in the reader's language, charts with their tables, the previous
 * quarter beside; printable to A4 portrait (bulletin.css).
 */
export default function BulletinScreen({ me }: { me: Me }) {
  const { t, i18n } = useTranslation(['bulletin', 'staff']);
  // Catalogue labels in the page's language (pickLabel directly: sharing admin's useLabel would add a chunk to the
  // entry's preload map, and the kiosk's first paint is to stay byte for byte as it was).
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const label = useCallback((text: LocalizedText) => pickLabel(text, locale), [locale]);
  const ofAll = reportScope(me)?.kind === 'all';
  const [quarter, setQuarter] = useState(() => lastCompleteQuarter(Date.now()));
  const [unitId, setUnitId] = useState('');
  const bulletin = useResource(
    () => apiRequest<Bulletin>('GET', `${REPORT_PATHS.bulletin}?quarter=${quarter}${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''}`),
    [quarter, unitId],
  );
  const b = bulletin.data;
  const names = useMemo(() => (b ? bulletinNames(b, t, label) : null), [b, t, label]);
  const monthName = useCallback((m: string) => t('bulletin:monthName', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) }), [t]);
  const units = useMemo(() => (b ? b.refs.units : []), [b]);
  return (
    <section className="bulletin" aria-labelledby="bulletin-title">
      <form className="bulletin-controls no-print" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('bulletin:quarter')}{' '}
          <select value={quarter} onChange={(e) => setQuarter(e.target.value)} data-testid="bulletin-quarter">
            {quarterChoices(Date.now()).map((q) => (
              <option key={q} value={q}>
                {quarterName(t, q)}
              </option>
            ))}
          </select>
        </label>
        {ofAll && (
          <label>
            {t('bulletin:unit')}{' '}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="bulletin-unit">
              <option value="">{t('bulletin:scopeAll')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {label(u.name)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => window.print()} disabled={!b}>
          {t('bulletin:print')}
        </button>
      </form>
      {bulletin.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, bulletin.error)}
        </p>
      )}
      {b && names && <BulletinBody b={b} names={names} monthName={monthName} joiner={i18n.language === 'zh-CN' ? '' : ' '} key={i18n.language} />}
    </section>
  );
}

function BulletinBody({ b, names, monthName, joiner }: { b: Bulletin; names: ReturnType<typeof bulletinNames>; monthName: (m: string) => string; joiner: string }) {
  const { t } = useTranslation('bulletin');
  const cur = b.current;
  const summary = summarySentences(b.quarter, b.previousQuarter, b.summary, names)
    .map((s) => t(s.key, s.params))
    .join(joiner);
  const reasonName = names.reason;
  const windowName = useCallback((id: string | null) => (id ? names.window(id) : '—'), [names]);
  return (
    <article className="bulletin-doc" data-testid="bulletin-doc">
      <h2 id="bulletin-title">{t('heading', { scope: names.scope, quarter: names.quarter(b.quarter) })}</h2>
      <p className="bulletin-summary" data-testid="bulletin-summary">
        {summary}
      </p>
      <section className="bulletin-section">
        <h3>{t('sections.trend')}</h3>
        <div className="bulletin-pair">
          <TrendChart period={cur} monthName={monthName} />
          <TrendTable current={cur} previous={b.previous} monthName={monthName} quarterName={names.quarter} />
        </div>
      </section>
      <section className="bulletin-section">
        <h3>{t('sections.levels')}</h3>
        <div className="bulletin-pair">
          <LevelChart period={cur} />
          <LevelTable current={cur} />
        </div>
      </section>
      <section className="bulletin-section">
        <h3>{t('sections.reasons')}</h3>
        {cur.reasons.length === 0 ? (
          <p className="note">{t('noneBad')}</p>
        ) : (
          <div className="bulletin-pair">
            <ParetoChart period={cur} reasonName={reasonName} />
            <ReasonTable current={cur} reasonName={reasonName} />
          </div>
        )}
      </section>
      <section className="bulletin-section">
        <h3>{t('sections.items')}</h3>
        {cur.serviceItems.length === 0 ? (
          <p className="note">{t('noneBad')}</p>
        ) : (
          <div className="bulletin-pair">
            <ConcentrationChart rows={cur.serviceItems} name={names.item} testId="chart-items" label={t('charts.items')} />
            <ConcentrationTable rows={cur.serviceItems} name={names.item} caption={t('tables.items')} head={t('col.item')} testId="table-items" />
          </div>
        )}
      </section>
      {b.scope.kind !== 'window' && (
        <section className="bulletin-section">
          <h3>{t('sections.windows')}</h3>
          {cur.windows.length === 0 ? (
            <p className="note">{t('noneBad')}</p>
          ) : (
            <div className="bulletin-pair">
              <ConcentrationChart rows={cur.windows} name={windowName} testId="chart-windows" label={t('charts.windows')} />
              <ConcentrationTable rows={cur.windows} name={windowName} caption={t('tables.windows')} head={t('col.window')} testId="table-windows" />
            </div>
          )}
        </section>
      )}
      {cur.windowRanking && (
        <section className="bulletin-section">
          <h3>{t('sections.windowRanking')}</h3>
          <RankingTable rows={cur.windowRanking} name={names.window} unitName={names.unit} caption={t('tables.ranking')} testId="ranking-windows" />
        </section>
      )}
      {cur.unitRanking && (
        <section className="bulletin-section">
          <h3>{t('sections.unitRanking')}</h3>
          <RankingTable rows={cur.unitRanking} name={names.unit} caption={t('tables.ranking')} testId="ranking-units" />
        </section>
      )}
      <p className="bulletin-footnote">{t('footnote', { previous: names.quarter(b.previousQuarter) })}</p>
    </article>
  );
}
