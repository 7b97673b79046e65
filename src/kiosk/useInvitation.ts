import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { KioskDatabase } from '../data/db';
import { dropInvitation, markInvitationShown, readHeldInvitation } from '../data/invitation-store';
import { hasLapsed, type HeldInvitation } from '../domain/invitation-hold';

// The loop and its API client come with a lazy chunk: the idle kiosk paints first.
const loadLoop = () => import('../data/invitation-loop');

/** `?inviteWaitMs=` shortens the long poll for tests and benchmarks (the server caps it anyway). */
function waitFromUrl(): number | undefined {
  const v = Number(new URLSearchParams(window.location.search).get('inviteWaitMs'));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * The invitation this kiosk holds, while it has not lapsed; an enrolled kiosk runs the invitation loop while this
 * is mounted.
 */
export function useInvitation(db: KioskDatabase, enrolled: boolean): HeldInvitation | null {
  const held = useLiveQuery(async () => (await readHeldInvitation(db)) ?? null, [db]) ?? null;
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    if (!enrolled) return;
    let stop: (() => void) | undefined;
    let live = true;
    void loadLoop().then(({ startInvitationLoop }) => {
      if (live) stop = startInvitationLoop(db, { waitMs: waitFromUrl() });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db, enrolled]);

  // At its lapse the invitation is dropped (the 办件 stays unrated) and the kiosk is uninvited again.
  const expiresAt = held?.localExpiresAt;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const lapse = () => {
      setNow(Date.now());
      void dropInvitation(db, { lapsedAt: Date.now() });
    };
    const timer = window.setTimeout(lapse, Math.max(0, expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [db, expiresAt]);

  return held && !hasLapsed(held, Math.max(now, Date.now())) ? held : null;
}

/** `showing`: the screen shows the invitation now; its first showing is recorded as the rating's `invitedAt`. */
export function useMarkShown(db: KioskDatabase, held: HeldInvitation | null, showing: boolean) {
  const id = held?.invitation.id;
  const shown = held?.shownAt !== undefined;
  useEffect(() => {
    if (id && showing && !shown) void markInvitationShown(db, id, Date.now());
  }, [db, id, showing, shown]);
}
