import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { useAppServices } from '../app-context';
import type { Namespace } from '../i18n/namespaces';
import { AccountBar } from './AccountBar';
import { ChangePasswordScreen } from './ChangePasswordScreen';
import { countOwnWaitingEverywhere } from '../data/session-push';
import { useSession, type Session } from './session';
import { SetPinScreen } from './SetPinScreen';
import { SignInScreen } from './SignInScreen';
import { useNamespaces } from './useNamespace';
import './account.css';

interface Props {
  namespaces: Namespace[];
  /** i18n key of the page title, also the sign-in heading. */
  titleKey: string;
  className: string;
  children: (signedIn: { me: Me; offline: boolean; session: Session }) => ReactNode;
}

/**
 * A page for signed-in people: loads its messages, signs in, insists on a password change when one is due, and
 * puts the account bar above whatever the page shows.
 */
export function SignedInShell({ namespaces, titleKey, className, children }: Props) {
  const { db, sync } = useAppServices();
  const ready = useNamespaces(...namespaces);
  const session = useSession(db);
  const [changingPassword, setChangingPassword] = useState(false);
  const [settingPin, setSettingPin] = useState(false);
  const [waitingAtSignOut, setWaitingAtSignOut] = useState(0);
  const { t } = useTranslation(namespaces);

  useEffect(() => {
    if (ready) document.title = `${t(titleKey)} · 好差评`;
  }, [ready, t, titleKey]);

  if (!ready || session.state.status === 'loading') return <p className="page-loading">…</p>;
  if (session.state.status === 'signed-out') return <SignInScreen title={t(titleKey)} onSignedIn={(me) => void session.signedIn(me)} />;
  const { me, offline } = session.state;
  // The session streams (paper forms and their photos, case steps: src/data/streams.ts) go up with this person's
  // session: they get their chance before it ends, and the person is told when some could not leave yet.
  const signOut = async (force = false) => {
    if (!force) {
      await Promise.race([sync.trigger('submit').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      const waiting = await countOwnWaitingEverywhere(db, me.id);
      if (waiting > 0) return setWaitingAtSignOut(waiting);
    }
    setWaitingAtSignOut(0);
    await session.signOut();
  };
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
  if (settingPin) {
    return (
      <SetPinScreen
        me={me}
        onDone={(updated) => {
          setSettingPin(false);
          void session.signedIn(updated);
        }}
        onCancel={() => setSettingPin(false)}
      />
    );
  }
  return (
    <div className={className}>
      <AccountBar
        me={me}
        offline={offline}
        onSignOut={() => void signOut()}
        onChangePassword={() => setChangingPassword(true)}
        onSetPin={me.windowId ? () => setSettingPin(true) : undefined}
      />
      {/* The one main landmark of every signed-in page (axe: landmark-one-main, region): the pages inside use a div. */}
      <main className="signed-in-main">
      {waitingAtSignOut > 0 && (
        <div className="sign-out-waiting" role="alertdialog" aria-labelledby="sign-out-waiting-text">
          <p id="sign-out-waiting-text">{t('staff:bar.waitingAtSignOut', { count: waitingAtSignOut })}</p>
          <button type="button" onClick={() => setWaitingAtSignOut(0)}>
            {t('staff:bar.staySignedIn')}
          </button>
          <button type="button" className="secondary" onClick={() => void signOut(true)}>
            {t('staff:bar.signOutAnyway')}
          </button>
        </div>
      )}
      {children({ me, offline, session })}
      </main>
    </div>
  );
}
