import { useTranslation } from 'react-i18next';

/** Active or not; what "not" is called depends on the row (a retired reason, a disabled account). */
export function StatusBadge({ active, offLabel }: { active: boolean; offLabel: 'inactive' | 'retired' }) {
  const { t } = useTranslation('admin');
  return <span className={active ? 'badge badge-on' : 'badge badge-off'}>{active ? t('common.active') : t(`common.${offLabel}`)}</span>;
}
