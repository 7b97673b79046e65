import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { hasPermission } from '../domain/roles';
import { ADMIN_PATH, FORM_PATH, REPORTS_PATH, STAFF_PATH } from '../routes';

/** Who is signed in, in which roles, whether the data is the offline copy, and the way out. */
interface Props {
  me: Me;
  offline: boolean;
  onSignOut: () => void;
  onChangePassword: () => void;
  /** Only for people who serve at a window: the PIN they go on duty with at its kiosk. */
  onSetPin?: () => void;
}

export function AccountBar({ me, offline, onSignOut, onChangePassword, onSetPin }: Props) {
  const { t } = useTranslation('staff');
  const here = window.location.pathname;
  return (
    <header className="account-bar">
      <div className="account-who">
        <strong>{me.name}</strong> <span className="hint">{t('bar.employeeNo', { no: me.employeeNo })}</span>
        <span className="account-roles">{me.roles.map((r) => t(`roles.${r}`)).join(' · ')}</span>
        {offline && <span className="offline-badge">{t('bar.offline')}</span>}
      </div>
      <nav className="account-nav">
        {me.roles.includes('ADMIN') && here !== ADMIN_PATH && <a href={ADMIN_PATH}>{t('bar.admin')}</a>}
        {here !== STAFF_PATH && me.roles.some((r) => r !== 'ADMIN') && <a href={STAFF_PATH}>{t('bar.ratings')}</a>}
        {here !== FORM_PATH && hasPermission(me, 'paper.enter') && <a href={FORM_PATH}>{t('bar.paperForm')}</a>}
        {here !== REPORTS_PATH && hasPermission(me, 'reports.read') && <a href={REPORTS_PATH}>{t('bar.reports')}</a>}
        {onSetPin && (
          <button type="button" onClick={onSetPin} disabled={offline}>
            {me.hasPin ? t('bar.changePin') : t('bar.setPin')}
          </button>
        )}
        <button type="button" onClick={onChangePassword} disabled={offline}>
          {t('bar.changePassword')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('bar.signOut')}
        </button>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
