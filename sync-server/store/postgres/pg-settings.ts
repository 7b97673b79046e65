import type { ModeDecision, ModeState, ServerMode, SettingsStore } from '../store';
import type { PgDb, PgQueryable } from './pg-db';
import { CONTACT_KEY_CHECK, MODE_KEY } from '../settings-keys';
import { insertReasonRows, insertSeedRows } from './pg-catalog';


export function pgSettings(db: PgDb): SettingsStore {
  const readMode = async (c: PgQueryable) =>
    ((await c.query<{ value: ServerMode }>('SELECT value FROM server_settings WHERE key = $1', [MODE_KEY]))[0]?.value ?? null);
  return {
    async serverMode() {
      return readMode(db);
    },
    async settleContactKeyCheck(check) {
      // One statement: the first instance's value stays, whichever of several starting together gets there first.
      await db.query('INSERT INTO server_settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [CONTACT_KEY_CHECK, check, Date.now()]);
      const [row] = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [CONTACT_KEY_CHECK]);
      return row?.value === check;
    },
    async settleServerMode<D extends ModeDecision>(decide: (state: ModeState) => D): Promise<D> {
      return db.tx(async (c): Promise<D> => {
        // A lock held to the commit, taken before the state is read: instances and create-admin starting together
        // decide one after the other, and the second sees the first's mode and seed (READ COMMITTED reads what was
        // committed before each statement). Per schema, like the migrations' lock.
        await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('haochaping-server-mode:' || current_schema(), 0))`);
        const accountIds = (await c.query<{ id: string }>('SELECT id FROM staff')).map((r) => r.id);
        const [{ units, reasons }] = await c.query<{ units: number; reasons: number }>(
          'SELECT (SELECT COUNT(*) FROM units) AS units, (SELECT COUNT(*) FROM reasons) AS reasons',
        );
        const stored = await readMode(c);
        const decision = decide({ stored, fresh: units === 0 && accountIds.length === 0, accountIds, reasonCount: reasons });
        if (decision.seed) await insertSeedRows(c, decision.seed);
        if (decision.seedReasons) await insertReasonRows(c, decision.seedReasons);
        if (decision.mode !== stored) {
          await c.query(
            `INSERT INTO server_settings (key, value, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
            [MODE_KEY, decision.mode, Date.now()],
          );
        }
        return decision;
      });
    },
  };
}
