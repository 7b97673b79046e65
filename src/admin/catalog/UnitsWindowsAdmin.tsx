import { AdminTable } from '../shared/AdminTable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { windowsOf, type AdminCatalog, type AdminUnit } from '../shared/catalog-types';
import { LabelTriple } from '../shared/LabelTriple';
import { StatusBadge } from '../shared/StatusBadge';
import { UnitForm } from './UnitForm';
import { WindowForm } from './WindowForm';
import { useLabel } from '../shared/useLabel';

/** What is open: nothing, a new unit, a unit's editor, a new window for a unit, or a window's editor. */
type Open = { kind: 'none' } | { kind: 'add-unit' } | { kind: 'unit'; id: string } | { kind: 'add-window'; unitId: string } | { kind: 'window'; id: string };

/** Units and their windows; each can be added and edited here. */
export function UnitsWindowsAdmin({ catalog, reload }: { catalog: AdminCatalog; reload: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });
  const saved = async () => {
    await reload();
    close();
  };

  return (
    <section className="admin-section" aria-labelledby="units-heading">
      <div className="section-head">
        <h2 id="units-heading">{t('units.heading')}</h2>
        {open.kind !== 'add-unit' && (
          <button type="button" className="primary" data-testid="add-unit" onClick={() => setOpen({ kind: 'add-unit' })}>
            {t('units.addUnit')}
          </button>
        )}
      </div>
      {open.kind === 'add-unit' && <UnitForm onSaved={saved} onCancel={close} />}
      {catalog.units.length === 0 && <p className="hint">{t('units.noUnits')}</p>}
      {catalog.units.map((unit) => (
        <UnitCard key={unit.id} unit={unit} catalog={catalog} open={open} setOpen={setOpen} saved={saved} close={close} />
      ))}
    </section>
  );
}

interface UnitCardProps {
  unit: AdminUnit;
  catalog: AdminCatalog;
  open: Open;
  setOpen: (open: Open) => void;
  saved: () => Promise<void>;
  close: () => void;
}

function UnitCard({ unit, catalog, open, setOpen, saved, close }: UnitCardProps) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const windows = windowsOf(catalog, unit.id);
  return (
    <article className={unit.active ? 'unit-card' : 'unit-card row-inactive'} data-unit-id={unit.id} aria-labelledby={`unit-${unit.id}`}>
      <header className="section-head">
        <h3 id={`unit-${unit.id}`}>{label(unit.name)}</h3>
        <StatusBadge active={unit.active} offLabel="inactive" />
        <button type="button" className="secondary small" aria-label={t('common.editItem', { name: label(unit.name) })} onClick={() => setOpen({ kind: 'unit', id: unit.id })}>
          {t('common.edit')}
        </button>
        <button type="button" className="secondary small" data-testid="add-window" onClick={() => setOpen({ kind: 'add-window', unitId: unit.id })}>
          {t('units.addWindow')}
        </button>
      </header>
      {open.kind === 'unit' && open.id === unit.id ? (
        <UnitForm unit={unit} onSaved={saved} onCancel={close} />
      ) : (
        <>
          <LabelTriple text={unit.name} />
          {unit.divisionCode && <p className="hint" data-testid="unit-division-code">{t('units.divisionCodeShown', { code: unit.divisionCode })}</p>}
          <p className="hint" data-testid="unit-disclosure">
            {t(unit.disclosure ? (unit.disclosureNamesStaff ? 'units.disclosureOnNamed' : 'units.disclosureOn') : 'units.disclosureOff')}
          </p>
        </>
      )}
      {open.kind === 'add-window' && open.unitId === unit.id && <WindowForm catalog={catalog} unitId={unit.id} onSaved={saved} onCancel={close} />}
      {windows.length === 0 ? (
        <p className="hint">{t('units.noWindows')}</p>
      ) : (
        <AdminTable headers={[t('units.windowNumber'), t('units.windowName'), t('common.sortOrder'), t('common.status')]}>
              {windows.map((w) =>
                open.kind === 'window' && open.id === w.id ? (
                  <tr key={w.id} className="editor-row">
                    <td colSpan={5}>
                      <WindowForm catalog={catalog} window={w} onSaved={saved} onCancel={close} />
                    </td>
                  </tr>
                ) : (
                  <tr key={w.id} data-window-id={w.id} className={w.active ? undefined : 'row-inactive'}>
                    <th scope="row">{w.number}</th>
                    <td>
                      <LabelTriple text={w.name} />
                    </td>
                    <td>{w.sortOrder}</td>
                    <td>
                      <StatusBadge active={w.active} offLabel="inactive" />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={t('common.editItem', { name: t('common.windowOption', { number: w.number, name: label(w.name) }) })}
                        onClick={() => setOpen({ kind: 'window', id: w.id })}
                      >
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </AdminTable>
      )}
    </article>
  );
}
