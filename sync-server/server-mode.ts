import { DEFAULT_REASONS } from '../src/domain/reasons';
import { DEMO_ACCOUNT_IDS, DEMO_PASSWORD } from './store/demo-hall';
import type { ModeDecision, ModeState, Seed, ServerMode } from './store/store';

/** What the operator asked for with DEMO: 1 (demo), 0 (production), or nothing. */
export type WantedMode = ServerMode | null;

export interface ModeNote {
  level: 'info' | 'warn';
  text: string;
}

export interface ModeOutcome extends ModeDecision {
  notes: ModeNote[];
}

// Only demo accounts (a demo hall seeded before an account was added to it holds fewer): any other account is real.
const onlyDemoAccounts = (ids: readonly string[]) => ids.length > 0 && ids.every((id) => DEMO_ACCOUNT_IDS.includes(id));

const IGNORED_DEMO: ModeNote = {
  level: 'warn',
  text: 'DEMO=1 is ignored: this data folder is a real hall (production mode); demo mode needs a new, empty DATA_DIR',
};

/**
 * Demo or production, decided once per database and stored (server_settings.mode), never again from the
 * environment alone: demo mode accepts pushes from any kiosk and hands the roster's PIN hashes to anyone, so a real
 * hall must never fall back into it because DEMO was left unset at a restart.
 *
 * - A new database: DEMO=0 makes it a real hall (with DOMAIN.md's bad-review reasons); otherwise the demo hall.
 * - Production is for good: DEMO=1 is then ignored, with a warning.
 * - A demo database started with DEMO=0 (or given a real administrator by create-admin) becomes production for
 *   good: that direction only closes doors. The demo accounts keep their published password: a warning says so.
 * - A database from before the mode was stored is the demo hall only if it holds only demo hall accounts
 *   and no others (and DEMO is not 0); anything else is a real hall.
 *
 * `demoHall` is the seed for a new demo database (hashing its password is slow, so the caller makes it only when
 * it may be needed); a decision to seed it without one is a programming error.
 */
export function decideServerMode(state: ModeState, wanted: WantedMode, demoHall: Seed | null): ModeOutcome {
  if (state.stored === 'production') return { mode: 'production', notes: wanted === 'demo' ? [IGNORED_DEMO] : [] };
  const demoAccountsOnly = onlyDemoAccounts(state.accountIds);
  if (state.stored === 'demo' || (state.stored === null && !state.fresh && demoAccountsOnly)) {
    if (wanted !== 'production') return { mode: 'demo', notes: [] };
    return {
      mode: 'production',
      seedReasons: state.reasonCount === 0 ? DEFAULT_REASONS : undefined,
      notes: [
        {
          level: 'warn',
          text:
            `this data folder held the demo hall and is now a real hall (production mode) for good; its demo accounts ` +
            `(D1001 … D9000) still sign in with the published password ${DEMO_PASSWORD}: disable them or change their passwords in /admin`,
        },
      ],
    };
  }
  if (state.fresh && wanted !== 'production') {
    if (!demoHall) throw new Error('a new demo database needs the demo hall seed');
    return {
      mode: 'demo',
      seed: demoHall,
      notes: [{ level: 'info', text: `seeded the demo hall; demo accounts sign in with password ${DEMO_PASSWORD} (see README)` }],
    };
  }
  const notes: ModeNote[] = wanted === 'demo' ? [IGNORED_DEMO] : [];
  if (state.accountIds.length === 0) {
    notes.push({ level: 'info', text: 'production mode with no accounts yet: create the first administrator with `npm run create-admin`' });
  }
  // Seeded when the mode is first stored, and only then: a reason an administrator retires later stays retired.
  return { mode: 'production', seedReasons: state.reasonCount === 0 ? DEFAULT_REASONS : undefined, notes };
}
