import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../kiosk/FieldError';
import { windowsOf, type AdminCatalog } from './catalog-types';
import { useLabel } from './useLabel';
import { errorAt } from './field-errors';

/**
 * The unit select (`unitId`) and, with `withWindow`, the select of that unit's windows (`windowId`, '' for
 * none). Changing the unit clears the window, since a window belongs to one unit.
 */
export function UnitWindowFields({ catalog, withWindow }: { catalog: AdminCatalog; withWindow?: boolean }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const uid = useId();
  const { register, watch, setValue, formState } = useFormContext();
  const unitId = watch('unitId') as string;
  const unitError = errorAt(formState.errors, 'unitId');
  const windowError = errorAt(formState.errors, 'windowId');
  const retired = (active: boolean) => (active ? '' : ` ${t('common.inactiveSuffix')}`);
  return (
    <>
      <div className="text-field">
        <label htmlFor={`${uid}-unit`}>{t('common.unit')}</label>
        <select
          id={`${uid}-unit`}
          data-testid="unitId"
          aria-invalid={!!unitError}
          aria-describedby={unitError ? `${uid}-unit-error` : undefined}
          {...register('unitId', {
            validate: (v: string) => v !== '' || t('common.unitRequired'),
            onChange: () => withWindow && setValue('windowId', ''),
          })}
        >
          <option value="">{t('common.choose')}</option>
          {catalog.units.map((u) => (
            <option key={u.id} value={u.id}>
              {label(u.name) + retired(u.active)}
            </option>
          ))}
        </select>
        <FieldError id={`${uid}-unit-error`} message={unitError} />
      </div>
      {withWindow && (
        <div className="text-field">
          <label htmlFor={`${uid}-window`}>{t('staff.window')}</label>
          <select
            id={`${uid}-window`}
            data-testid="windowId"
            aria-invalid={!!windowError}
            aria-describedby={windowError ? `${uid}-window-error` : undefined}
            {...register('windowId')}
          >
            <option value="">{t('staff.noWindow')}</option>
            {windowsOf(catalog, unitId).map((w) => (
              <option key={w.id} value={w.id}>
                {t('common.windowOption', { number: w.number, name: label(w.name) }) + retired(w.active)}
              </option>
            ))}
          </select>
          <FieldError id={`${uid}-window-error`} message={windowError} />
        </div>
      )}
    </>
  );
}
