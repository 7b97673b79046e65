import type Database from 'better-sqlite3';
import type { RankingSettingsStore } from '../ranking-settings-store';
import { RANKING_SETTINGS_KEY } from '../settings-keys';

export function sqliteRankingSettings(db: Database.Database): RankingSettingsStore {
  const read = db.prepare('SELECT value FROM server_settings WHERE key = ?').pluck();
  const write = db.prepare(
    `INSERT INTO server_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  return {
    async getRankingSettings() {
      const v = read.get(RANKING_SETTINGS_KEY) as string | undefined;
      return v === undefined ? null : (JSON.parse(v) as unknown);
    },
    async putRankingSettings(settings, at) {
      write.run(RANKING_SETTINGS_KEY, JSON.stringify(settings), at);
    },
  };
}
