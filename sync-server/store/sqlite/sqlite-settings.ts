import type Database from 'better-sqlite3';
import type { ModeDecision, ModeState, ServerMode, SettingsStore } from '../store';
import { CONTACT_KEY_CHECK, MODE_KEY } from '../settings-keys';
import { insertReasonRows, insertSeedRows } from './sqlite-catalog';


export function sqliteSettings(db: Database.Database): SettingsStore {
  const readMode = () => (db.prepare('SELECT value FROM server_settings WHERE key = ?').pluck().get(MODE_KEY) as ServerMode | undefined) ?? null;
  return {
    async serverMode() {
      return readMode();
    },
    async settleContactKeyCheck(check) {
      db.prepare('INSERT INTO server_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING').run(CONTACT_KEY_CHECK, check, Date.now());
      return db.prepare('SELECT value FROM server_settings WHERE key = ?').pluck().get(CONTACT_KEY_CHECK) === check;
    },
    async settleServerMode<D extends ModeDecision>(decide: (state: ModeState) => D): Promise<D> {
      // IMMEDIATE: the write lock first, so a create-admin and a server starting together decide once, in turn.
      return db
        .transaction((): D => {
          const accountIds = db.prepare('SELECT id FROM staff').pluck().all() as string[];
          const units = db.prepare('SELECT COUNT(*) FROM units').pluck().get() as number;
          const reasonCount = db.prepare('SELECT COUNT(*) FROM reasons').pluck().get() as number;
          const stored = readMode();
          const decision = decide({ stored, fresh: units === 0 && accountIds.length === 0, accountIds, reasonCount });
          if (decision.seed) insertSeedRows(db, decision.seed);
          if (decision.seedReasons) insertReasonRows(db, decision.seedReasons);
          if (decision.mode !== stored) {
            db.prepare(
              `INSERT INTO server_settings (key, value, updated_at) VALUES (?, ?, ?)
               ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
            ).run(MODE_KEY, decision.mode, Date.now());
          }
          return decision;
        })
        .immediate();
    },
  };
}
