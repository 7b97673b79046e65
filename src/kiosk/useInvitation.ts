import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { KioskDatabase } from '../data/db';
import { getMeta } from '../data/meta';
import type { HeldInvitation } from '../domain/invitation-hold';

// Only the read is in the kiosk's first paint; the loop, its API client and the writes come with a lazy chunk,
// loaded when the kiosk starts or an invitation is held (both well before a citizen's tap).
type Runtime = typeof import('./invitation-chunk');
let runtime: Promise<Runtime> | undefined;
export const loadInvitationChunk = () => (runtime ??= import('./invitation-chunk'));
const loadRuntime = loadInvitationChunk;

/** `?inviteWaitMs=` shortens the long poll for tests and benchmarks (the server caps it anyway). */
function waitFromUrl(): number | undefined {
  const v = Number(new URLSearchParams(window.location.search).get('inviteWaitMs'));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * The invitation this kiosk holds, while it has not lapsed (src/domain/invitation-hold.ts hasLapsed, inlined to keep
 * that module out of the first paint); the invitation loop runs while this is mounted (an enrolled kiosk, or a demo
 * one naming its window).
 */
export function useInvitation(db: KioskDatabase): HeldInvitation | null {
  const held = useLiveQuery(async () => (await getMeta(db, 'invitation')) ?? null, [db]) ?? null;
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    void loadRuntime().then(({ startInvitationLoop }) => {
      if (live) stop = startInvitationLoop(db, { waitMs: waitFromUrl() });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db]);

  // At its lapse the invitation is dropped (the 办件 stays unrated) and the kiosk is uninvited again.
  const expiresAt = held?.localExpiresAt;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const lapse = () => {
      const at = Date.now();
      setNow(at);
      void loadRuntime().then(({ dropInvitation }) => dropInvitation(db, { lapsedAt: at }));
    };
    const timer = window.setTimeout(lapse, Math.max(0, expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [db, expiresAt]);

  return held && Math.max(now, Date.now()) < held.localExpiresAt ? held : null;
}

/** `showing`: the screen shows the invitation now; its first showing is recorded as the rating's `invitedAt`. */
export function useMarkShown(db: KioskDatabase, held: HeldInvitation | null, showing: boolean) {
  const id = held?.invitation.id;
  const shown = held?.shownAt !== undefined;
  useEffect(() => {
    if (!id || !showing || shown) return;
    const at = Date.now();
    void loadRuntime().then(({ markInvitationShown }) => markInvitationShown(db, id, at));
  }, [db, id, showing, shown]);
}
