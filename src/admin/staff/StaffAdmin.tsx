import { AdminTable } from '../shared/AdminTable';
import { StatusBadge } from '../shared/StatusBadge';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminCatalog, AdminStaff } from '../shared/catalog-types';
import { StaffEditor } from './StaffEditor';
import { StaffForm } from './StaffForm';
import { RoleGrants } from './RoleGrants';
import { useLabel } from '../shared/useLabel';

function Thumb({ staff }: { staff: AdminStaff }) {
  const { t } = useTranslation('admin');
  if (staff.photoUrl) return <img className="thumb" src={staff.photoUrl} alt={t('staff.photoOf', { name: staff.name })} loading="lazy" />;
  return (
    <span className="thumb thumb-initial" aria-hidden="true">
      {Array.from(staff.name)[0] ?? '?'}
    </span>
  );
}

/** Every account, with the form to add one and, per row, the editor. */
export function StaffAdmin({ catalog, selfId, reload }: { catalog: AdminCatalog; selfId: string; reload: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const unitName = (id: string) => {
    const unit = catalog.units.find((u) => u.id === id);
    return unit ? label(unit.name) : id;
  };
  const windowName = (id: string | null) => {
    if (!id) return t('staff.noWindowShort');
    const w = catalog.windows.find((x) => x.id === id);
    return w ? t('common.windowOption', { number: w.number, name: label(w.name) }) : id;
  };

  return (
    <section className="admin-section" aria-labelledby="staff-heading">
      <div className="section-head">
        <h2 id="staff-heading">{t('staff.heading')}</h2>
        {!adding && (
          <button type="button" className="primary" data-testid="add-staff" onClick={() => setAdding(true)}>
            {t('staff.add')}
          </button>
        )}
      </div>
      <RoleGrants selfId={selfId} staffVersion={catalog.staff} onDecided={reload} />
      {adding && <StaffForm catalog={catalog} onSaved={reload} onCancel={() => setAdding(false)} />}
      <AdminTable headers={[t('staff.photo'), t('staff.name'), t('staff.employeeNo'), t('common.unit'), t('staff.window'), t('staff.roles'), t('common.status')]} testId="staff-table">
            {catalog.staff.map((s) => (
              <Fragment key={s.id}>
                <tr data-employee-no={s.employeeNo} className={s.active ? undefined : 'row-inactive'}>
                  <td>
                    <Thumb staff={s} />
                  </td>
                  <th scope="row">
                    {s.name}
                    {s.id === selfId && <span className="hint"> {t('staff.self')}</span>}
                  </th>
                  <td className="mono">{s.employeeNo}</td>
                  <td>{unitName(s.unitId)}</td>
                  <td>{windowName(s.windowId)}</td>
                  <td>{s.roles.map((r) => t(`staff:roles.${r}`)).join(' · ')}</td>
                  <td>
                    <StatusBadge active={s.active} offLabel="inactive" />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      aria-expanded={editing === s.id}
                      aria-label={t('common.editItem', { name: s.name })}
                      onClick={() => setEditing(editing === s.id ? null : s.id)}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
                {editing === s.id && (
                  <tr className="editor-row">
                    <td colSpan={8}>
                      <StaffEditor staff={s} catalog={catalog} isSelf={s.id === selfId} onSaved={reload} onClose={() => setEditing(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </AdminTable>
    </section>
  );
}
