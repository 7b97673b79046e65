import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../domain/roles';
import { FieldError } from '../../kiosk/FieldError';
import { errorAt } from '../shared/field-errors';

/** The six roles as checkboxes (`roles`, an array); at least one. */
export function RoleFields() {
  const { t } = useTranslation('admin');
  const uid = useId();
  const { register, formState } = useFormContext();
  const message = errorAt(formState.errors, 'roles');
  return (
    <fieldset className="role-fields" aria-invalid={!!message} aria-describedby={message ? `${uid}-error` : undefined}>
      <legend>{t('staff.roles')}</legend>
      <div className="check-grid">
        {ROLES.map((role) => (
          <div className="check-field" key={role}>
            <input
              id={`${uid}-${role}`}
              type="checkbox"
              value={role}
              data-testid={`role-${role}`}
              {...register('roles', { validate: (v: unknown) => (Array.isArray(v) && v.length > 0) || t('staff.rolesRequired') })}
            />
            <label htmlFor={`${uid}-${role}`}>{t(`staff:roles.${role}`)}</label>
          </div>
        ))}
      </div>
      <FieldError id={`${uid}-error`} message={message} />
    </fieldset>
  );
}
