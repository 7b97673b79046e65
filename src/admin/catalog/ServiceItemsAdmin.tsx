import { AdminTable } from '../shared/AdminTable';
import { StatusBadge } from '../shared/StatusBadge';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS } from '../../domain/admin-api';
import type { AdminCatalog } from '../shared/catalog-types';
import { LabelTriple } from '../shared/LabelTriple';
import { RetireButton } from '../shared/RetireButton';
import { ServiceItemForm } from './ServiceItemForm';
import { useLabel } from '../shared/useLabel';

/** The service items (办事事项) of every unit: add, edit, retire and restore. */
export function ServiceItemsAdmin({ catalog, reload }: { catalog: AdminCatalog; reload: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const [open, setOpen] = useState<string | null>(null); // 'new' or an item's id
  const close = () => setOpen(null);
  const saved = async () => {
    await reload();
    close();
  };
  const unitName = (id: string) => {
    const unit = catalog.units.find((u) => u.id === id);
    return unit ? label(unit.name) : id;
  };
  const items = [...catalog.serviceItems].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

  return (
    <section className="admin-section" aria-labelledby="items-heading">
      <div className="section-head">
        <h2 id="items-heading">{t('items.heading')}</h2>
        {open !== 'new' && (
          <button type="button" className="primary" data-testid="add-item" onClick={() => setOpen('new')}>
            {t('items.add')}
          </button>
        )}
      </div>
      <p className="hint">{t('items.note')}</p>
      {open === 'new' && <ServiceItemForm catalog={catalog} onSaved={saved} onCancel={close} />}
      {items.length === 0 ? (
        <p className="hint">{t('items.empty')}</p>
      ) : (
        <AdminTable headers={[t('items.code'), t('items.name'), t('common.unit'), t('common.sortOrder'), t('common.status')]} testId="items-table">
              {items.map((item) =>
                open === item.id ? (
                  <tr key={item.id} className="editor-row">
                    <td colSpan={6}>
                      <ServiceItemForm catalog={catalog} item={item} onSaved={saved} onCancel={close} />
                    </td>
                  </tr>
                ) : (
                  <tr key={item.id} data-item-code={item.code} className={item.active ? undefined : 'row-inactive'}>
                    <th scope="row" className="mono">
                      {item.code}
                    </th>
                    <td>
                      <LabelTriple text={item.name} />
                    </td>
                    <td>{unitName(item.unitId)}</td>
                    <td>{item.sortOrder}</td>
                    <td>
                      <StatusBadge active={item.active} offLabel="retired" />
                    </td>
                    <td className="row-actions">
                      <button type="button" className="secondary small" aria-label={t('common.editItem', { name: item.code })} onClick={() => setOpen(item.id)}>
                        {t('common.edit')}
                      </button>
                      <RetireButton
                        active={item.active}
                        name={item.code}
                        setActive={async (active) => {
                          await apiRequest('PATCH', `${ADMIN_PATHS.serviceItems}/${encodeURIComponent(item.id)}`, { json: { active } });
                          await reload();
                        }}
                      />
                    </td>
                  </tr>
                ),
              )}
            </AdminTable>
      )}
    </section>
  );
}
