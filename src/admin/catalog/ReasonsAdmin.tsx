import { AdminTable } from '../shared/AdminTable';
import { StatusBadge } from '../shared/StatusBadge';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS } from '../../domain/admin-api';
import type { AdminCatalog } from '../shared/catalog-types';
import { LabelTriple } from '../shared/LabelTriple';
import { ReasonForm } from './ReasonForm';
import { RetireButton } from '../shared/RetireButton';

/** The reasons a citizen may pick for a bad review: add, edit labels, retire and restore, never delete. */
export function ReasonsAdmin({ catalog, reload }: { catalog: AdminCatalog; reload: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [open, setOpen] = useState<string | null>(null); // 'new' or a reason's key (keys are capitals, never 'new')
  const close = () => setOpen(null);
  const saved = async () => {
    await reload();
    close();
  };
  const reasons = [...catalog.reasons].sort((a, b) => a.sortOrder - b.sortOrder);

  return (
    <section className="admin-section" aria-labelledby="reasons-heading">
      <div className="section-head">
        <h2 id="reasons-heading">{t('reasons.heading')}</h2>
        {open !== 'new' && (
          <button type="button" className="primary" data-testid="add-reason" onClick={() => setOpen('new')}>
            {t('reasons.add')}
          </button>
        )}
      </div>
      <p className="note" data-testid="reasons-note">
        {t('reasons.note')}
      </p>
      {open === 'new' && <ReasonForm onSaved={saved} onCancel={close} />}
      <AdminTable headers={[t('reasons.key'), t('reasons.label'), t('common.status')]} testId="reasons-table">
            {reasons.map((r) =>
              open === r.key ? (
                <tr key={r.key} className="editor-row">
                  <td colSpan={4}>
                    <ReasonForm reason={r} onSaved={saved} onCancel={close} />
                  </td>
                </tr>
              ) : (
                <tr key={r.key} data-reason-key={r.key} className={r.active ? undefined : 'row-inactive'}>
                  <th scope="row" className="mono">
                    {r.key}
                  </th>
                  <td>
                    <LabelTriple text={r.label} />
                  </td>
                  <td>
                    <StatusBadge active={r.active} offLabel="retired" />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="secondary small" aria-label={t('common.editItem', { name: r.key })} onClick={() => setOpen(r.key)}>
                      {t('common.edit')}
                    </button>
                    <RetireButton
                      active={r.active}
                      name={r.key}
                      setActive={async (active) => {
                        await apiRequest('PATCH', `${ADMIN_PATHS.reasons}/${encodeURIComponent(r.key)}`, { json: { active } });
                        await reload();
                      }}
                    />
                  </td>
                </tr>
              ),
            )}
          </AdminTable>
    </section>
  );
}
