import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../account/SignedInShell';
import { STAFF_PATH } from '../routes';
import { AdminTabs } from './AdminTabs';
import './shared/admin.css';
import './shared/admin-forms.css';

function NotAdmin() {
  const { t } = useTranslation('admin');
  return (
    <div className="admin-main">
      <h1 className="admin-title">{t('title')}</h1>
      <p className="note" data-testid="not-admin">
        {t('notAdmin')}
      </p>
      <a href={STAFF_PATH}>{t('toStaff')}</a>
    </div>
  );
}

function OfflineNote() {
  const { t } = useTranslation('admin');
  return <p className="note admin-offline">{t('offline')}</p>;
}

/** /admin: the administrator keeps units, windows, staff accounts, service items and reasons, enrols and revokes the tablets, and reads the audit log. */
export default function AdminApp() {
  return (
    <SignedInShell namespaces={['staff', 'admin']} titleKey="admin:title" className="admin-app">
      {({ me, offline, session }) =>
        me.roles.includes('ADMIN') ? (
          <>
            {offline && <OfflineNote />}
            <AdminTabs selfId={me.id} onSignedOut={session.refresh} />
          </>
        ) : (
          <NotAdmin />
        )
      }
    </SignedInShell>
  );
}
