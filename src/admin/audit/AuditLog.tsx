import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { AUDIT_PATH, type AuditEntry } from '../../domain/ratings-api';
import { formatCstIso } from '../../domain/time';
import { FormFailure } from '../shared/AdminForm';
import type { AdminCatalog } from '../shared/catalog-types';
import { useAction } from '../shared/useAction';
import { useLabel } from '../shared/useLabel';
import '../shared/admin.css';

const PAGE = 50;

interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** "2025-11-27 17:40:00": the time in China, whatever the device's own zone. */
const cstText = (ms: number) => formatCstIso(ms).slice(0, 19).replace('T', ' ');

/** The detail the server recorded (fields changed, bytes of a photo…), as one line of data. */
function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/**
 * Who did what, newest first: sign-ins, contact reveals and every catalogue and account change. Without the
 * catalogue (supervision may not read it) targets show by id.
 */
export function AuditLog({ catalog }: { catalog?: AdminCatalog }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const loading = useAction();
  const { run } = loading;

  const load = useCallback(
    (before: number | null) =>
      run(async () => {
        const query = before === null ? `?limit=${PAGE}` : `?before=${before}&limit=${PAGE}`;
        const page = await apiRequest<AuditPage>('GET', AUDIT_PATH + query);
        setEntries((shown) => (before === null ? page.entries : [...(shown ?? []), ...page.entries]));
        setNextBefore(page.nextBefore);
      }),
    [run],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const actionText = (action: string) => t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
  const targetText = (e: AuditEntry) => {
    if (!e.targetType) return '';
    const type = t(`audit.targetTypes.${e.targetType}`, { defaultValue: e.targetType });
    const id = e.targetId ?? '';
    let name = id;
    if (!catalog) return `${type}: ${name}`;
    if (e.targetType === 'staff') {
      const s = catalog.staff.find((x) => x.id === id);
      if (s) name = t('audit.staffTarget', { name: s.name, no: s.employeeNo });
    } else if (e.targetType === 'unit') {
      const u = catalog.units.find((x) => x.id === id);
      if (u) name = label(u.name);
    } else if (e.targetType === 'window') {
      const w = catalog.windows.find((x) => x.id === id);
      if (w) name = t('common.windowOption', { number: w.number, name: label(w.name) });
    } else if (e.targetType === 'service-item') {
      const i = catalog.serviceItems.find((x) => x.id === id);
      if (i) name = `${i.code} ${label(i.name)}`;
    }
    return `${type}: ${name}`;
  };

  return (
    <section className="admin-section" aria-labelledby="audit-heading">
      <div className="section-head">
        <h2 id="audit-heading">{t('audit.heading')}</h2>
        <button type="button" className="secondary small" disabled={loading.busy} onClick={() => void load(null)}>
          {t('audit.reload')}
        </button>
      </div>
      <p className="hint">{t('audit.hint')}</p>
      {entries === null && !loading.failure && <p className="hint">{t('loading')}</p>}
      {entries?.length === 0 && <p className="hint">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="admin-table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.detail')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-seq={e.seq}>
                  <td className="mono nowrap">
                    <time dateTime={formatCstIso(e.at)}>{cstText(e.at)}</time>
                  </td>
                  <td>{e.actorName ?? (e.actorId ? e.actorId : t('audit.noActor'))}</td>
                  <td>{actionText(e.action)}</td>
                  <td>{targetText(e)}</td>
                  <td className="hint">{detailText(e.detail)}</td>
                  <td className="mono">{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormFailure message={loading.failure} />
      {entries && entries.length > 0 && (
        <div className="admin-actions">
          {nextBefore !== null ? (
            <button type="button" className="secondary" data-testid="audit-more" disabled={loading.busy} onClick={() => void load(nextBefore)}>
              {loading.busy ? t('loading') : t('audit.loadMore')}
            </button>
          ) : (
            <p className="hint">{t('audit.end')}</p>
          )}
        </div>
      )}
    </section>
  );
}
