import type { StoredInvitation } from '../store/invitation-rows';
import type { Store } from '../store/store';
import type { InvitationNotices } from './invitation-notices';

/**
 * How often a waiting kiosk's window is read again: what an invitation made by another instance (same database, no
 * notice reaches this process) waits at most. One indexed step per waiting kiosk, about three reads a second each.
 */
export const INVITATION_RECHECK_MS = 300;

export interface WaitOptions {
  windowId: string;
  after: string | undefined;
  waitMs: number;
  /** Resolves (never rejects) when the client went away: the wait ends at once. */
  gone: Promise<void>;
  onError: (err: unknown) => void;
  recheckMs?: number;
}

/**
 * The window's newest open invitation newer than `after`, waiting up to `waitMs` for one: woken at once by this
 * process's notice, and by a read of the store every `recheckMs` for one made elsewhere. Reads never overlap; a
 * notice arriving during a read makes one more read after it, so none is missed. A failed read during the wait is
 * logged and the wait goes on (the next read may succeed); only the first read's failure reaches the caller.
 */
export async function waitForInvitation(store: Store, notices: InvitationNotices, o: WaitOptions): Promise<StoredInvitation | null> {
  const first = await store.openInvitation(o.windowId, o.after, Date.now());
  if (first || o.waitMs <= 0) return first;
  return new Promise((resolve) => {
    let done = false;
    let reading = false;
    let again = false;
    const finish = (found: StoredInvitation | null) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(recheck);
      clearTimeout(deadline);
      resolve(found);
    };
    const read = async () => {
      if (done) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        const found = await store.openInvitation(o.windowId, o.after, Date.now());
        if (found) finish(found);
      } catch (err) {
        o.onError(err);
      } finally {
        reading = false;
      }
      if (again) {
        again = false;
        await read();
      }
    };
    const unsubscribe = notices.subscribe(o.windowId, () => void read());
    const recheck = setInterval(() => void read(), o.recheckMs ?? INVITATION_RECHECK_MS);
    const deadline = setTimeout(() => finish(null), o.waitMs);
    void o.gone.then(() => finish(null));
  });
}
