import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../account/SignedInShell';
import { useNamespaces } from '../account/useNamespace';
import { useAppServices } from '../app-context';
import { hasPermission } from '../domain/roles';
import { RatingsScreen } from './RatingsScreen';
import './staff.css';

// Supervision reads the audit log here; the administrator has it among the admin screens.
const AuditLog = lazy(() => import('../admin/AuditLog').then((m) => ({ default: m.AuditLog })));

function AuditView() {
  const ready = useNamespaces('admin');
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <div className="ratings-screen">
        <AuditLog />
      </div>
    </Suspense>
  );
}

/** /staff: window staff, leads, the office, supervision and personnel see the ratings their roles allow. */
export default function StaffApp() {
  const { db } = useAppServices();
  const { t } = useTranslation('staff');
  const [view, setView] = useState<'ratings' | 'audit'>('ratings');
  return (
    <SignedInShell namespaces={['staff']} titleKey="staff:signIn.staffTitle" className="staff-app">
      {({ me }) => (
        <>
          {hasPermission(me, 'audit.read') && !me.roles.includes('ADMIN') && (
            <nav className="staff-views" aria-label={t('views.label')}>
              <button type="button" aria-pressed={view === 'ratings'} onClick={() => setView('ratings')}>
                {t('views.ratings')}
              </button>
              <button type="button" aria-pressed={view === 'audit'} onClick={() => setView('audit')}>
                {t('views.audit')}
              </button>
            </nav>
          )}
          {view === 'audit' ? <AuditView /> : <RatingsScreen db={db} me={me} />}
        </>
      )}
    </SignedInShell>
  );
}
