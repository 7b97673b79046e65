import { useCallback, useEffect, useRef, useState } from 'react';
import { isBadLevel, type LevelKey } from '../domain/levels';
import type { RatingDraft } from '../data/submit-rating';
import { measureTap, TAP_MEASURES } from './tap-timing';

export type KioskScreenState = { name: 'idle' } | { name: 'reasons'; level: LevelKey } | { name: 'thanks'; tapTime: number; level: LevelKey };

interface FlowOptions {
  /** Resolves once the rating is committed to disk. */
  save: (draft: RatingDraft) => Promise<void>;
  thankYouMs: number;
  onIdle: () => void;
  /** A bad level tapped and then left at the reason screen (返回, or dropped after 还在吗？): counted, never kept. */
  onAbandon?: () => void;
}

/**
 * The kiosk's one-rating-per-visit state machine. A ref, not state, guards saving: a second tap that arrives
 * before React re-renders must still be refused.
 */
export function useKioskFlow({ save, thankYouMs, onIdle, onAbandon }: FlowOptions) {
  const [screen, setScreen] = useState<KioskScreenState>({ name: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const busy = useRef(false);

  const finish = useCallback(
    async (draft: RatingDraft, tapTime: number) => {
      if (busy.current) return;
      busy.current = true;
      setSaving(true);
      setSaveFailed(false);
      try {
        await save(draft);
        measureTap(TAP_MEASURES.committed, tapTime);
        setScreen({ name: 'thanks', tapTime, level: draft.level });
      } catch (err) {
        console.error('rating not saved', err);
        busy.current = false;
        setSaveFailed(true);
      } finally {
        setSaving(false);
      }
    },
    [save],
  );

  const chooseLevel = useCallback(
    (level: LevelKey, tapTime: number) => {
      if (busy.current) return;
      if (isBadLevel(level)) {
        setSaveFailed(false);
        setScreen((s) => (s.name === 'idle' ? { name: 'reasons', level } : s));
      } else {
        void finish({ level }, tapTime);
      }
    },
    [finish],
  );

  const goIdle = useCallback(() => {
    busy.current = false;
    setSaveFailed(false);
    setScreen({ name: 'idle' });
    onIdle();
  }, [onIdle]);

  const back = useCallback(() => {
    if (busy.current) return;
    setScreen({ name: 'idle' });
    onAbandon?.();
  }, [onAbandon]);

  /** The reason screen was left unanswered: the rating is dropped (and counted) and the next citizen starts afresh. */
  const drop = useCallback(() => {
    if (!busy.current) onAbandon?.();
    goIdle();
  }, [onAbandon, goIdle]);

  useEffect(() => {
    if (screen.name !== 'thanks') return;
    const timer = window.setTimeout(goIdle, thankYouMs);
    return () => window.clearTimeout(timer);
  }, [screen, thankYouMs, goIdle]);

  return { screen, saving, saveFailed, chooseLevel, submit: finish, back, drop, goIdle };
}
