import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import { AccountBar } from '../account/AccountBar';
import { ChangePasswordScreen } from '../account/ChangePasswordScreen';
import { useSession } from '../account/session';
import { SignInScreen } from '../account/SignInScreen';
import { useNamespaces } from '../account/useNamespace';
import { RatingsScreen } from './RatingsScreen';
import '../account/account.css';
import './staff.css';

/** /staff: window staff, leads, the office, supervision and personnel see the ratings their roles allow. */
export default function StaffApp() {
  const { db } = useAppServices();
  const ready = useNamespaces('staff');
  const session = useSession(db);
  const [changingPassword, setChangingPassword] = useState(false);
  const { t } = useTranslation('staff');

  useEffect(() => {
    if (ready) document.title = `${t('title')} · 好差评`;
  }, [ready, t]);

  if (!ready || session.state.status === 'loading') return <p className="staff-empty">…</p>;
  if (session.state.status === 'signed-out') return <SignInScreen title={t('signIn.staffTitle')} onSignedIn={(me) => void session.signedIn(me)} />;
  const { me, offline } = session.state;
  if (me.mustChangePassword || changingPassword) {
    return (
      <ChangePasswordScreen
        me={me}
        forced={me.mustChangePassword}
        onChanged={(updated) => {
          setChangingPassword(false);
          void session.signedIn(updated);
        }}
        onCancel={me.mustChangePassword ? undefined : () => setChangingPassword(false)}
      />
    );
  }
  return (
    <div className="staff-app">
      <AccountBar me={me} offline={offline} onSignOut={() => void session.signOut()} onChangePassword={() => setChangingPassword(true)} />
      <RatingsScreen db={db} me={me} />
    </div>
  );
}
