import { useTranslation } from 'react-i18next';
import { FormFailure } from './AdminForm';
import { useAction } from './useAction';

/** Retires (active: false) or restores an entry; nothing in the catalogue is ever deleted. */
export function RetireButton({ active, name, setActive }: { active: boolean; name: string; setActive: (active: boolean) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const action = useAction();
  return (
    <>
      <button
        type="button"
        className="secondary small"
        disabled={action.busy}
        aria-label={active ? t('common.retireItem', { name }) : t('common.restoreItem', { name })}
        onClick={() => void action.run(() => setActive(!active))}
      >
        {action.busy ? t('common.saving') : active ? t('common.retire') : t('common.restore')}
      </button>
      <FormFailure message={action.failure} />
    </>
  );
}
