import type { RankingSettingsStore } from '../ranking-settings-store';
import { RANKING_SETTINGS_KEY } from '../settings-keys';
import type { PgDb } from './pg-db';

export function pgRankingSettings(db: PgDb): RankingSettingsStore {
  return {
    async getRankingSettings() {
      const [row] = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [RANKING_SETTINGS_KEY]);
      return row ? (JSON.parse(row.value) as unknown) : null;
    },
    async putRankingSettings(settings, at) {
      await db.query(
        `INSERT INTO server_settings (key, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [RANKING_SETTINGS_KEY, JSON.stringify(settings), at],
      );
    },
  };
}
