import { useCallback, useEffect, useState } from 'react';
import { AUTH_PATHS, type Me, type SessionAnswer } from '../domain/account-api';
import type { KioskDatabase } from '../data/db';
import { cacheMe, clearPersonalData, readCachedMe } from '../data/session-cache';
import { apiRequest, ApiRequestError } from './api-client';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me; offline: boolean };

export interface Session {
  state: SessionState;
  /** After sign-in or a password change: the server's answer becomes the session. */
  signedIn(me: Me): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

export const signIn = (employeeNo: string, password: string) => apiRequest<Me>('POST', AUTH_PATHS.signIn, { json: { employeeNo, password } });
export const changePassword = (currentPassword: string, newPassword: string) =>
  apiRequest<Me>('POST', AUTH_PATHS.password, { json: { currentPassword, newPassword } });

// The cache kept for the signed-in person lives in src/data/session-cache.ts; these stay importable from here.
export { clearPersonalData, PERSONAL_META_KEYS } from '../data/session-cache';

/**
 * Who is signed in on this tablet. The server decides; its last answer is cached, so a person who signed in
 * while online keeps working offline (status 'signed-in', offline true) until the server says otherwise.
 */
export function useSession(db: KioskDatabase): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      // Not /auth/me: its 401 for "nobody signed in" would be logged by the browser as an error on every visit.
      const answer = await apiRequest<SessionAnswer>('GET', AUTH_PATHS.session);
      if (!isSessionAnswer(answer)) throw new ApiRequestError(0, 'NETWORK', 'not the server’s answer');
      if (answer.signedIn) {
        await cacheMe(db, answer.me);
        setState({ status: 'signed-in', me: answer.me, offline: false });
      } else {
        await clearPersonalData(db);
        setState({ status: 'signed-out' });
      }
    } catch (err) {
      const cached = await readCachedMe(db);
      if (err instanceof ApiRequestError && err.isNetwork && cached) setState({ status: 'signed-in', me: cached, offline: true });
      else setState({ status: 'signed-out' });
    }
  }, [db]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback(
    async (me: Me) => {
      await cacheMe(db, me);
      setState({ status: 'signed-in', me, offline: false });
    },
    [db],
  );

  const signOut = useCallback(async () => {
    await apiRequest('POST', AUTH_PATHS.signOut).catch(() => undefined);
    await clearPersonalData(db);
    setState({ status: 'signed-out' });
  }, [db]);

  return { state, signedIn, signOut, refresh };
}

/** A JSON 200 from something else (a captive portal, a proxy) is treated like no network: the cache stays. */
function isSessionAnswer(value: unknown): value is SessionAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { signedIn?: unknown; me?: unknown };
  return v.signedIn === false || (v.signedIn === true && typeof v.me === 'object' && v.me !== null);
}
