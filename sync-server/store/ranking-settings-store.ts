import type { RankingSettings } from '../../src/domain/figures/ranking-settings';

/** The rankings' settings in server_settings (key RANKING_SETTINGS_KEY): one JSON value, the same in both stores. */
export interface RankingSettingsStore {
  /** The stored settings as written (checked by the caller), or null when never set. */
  getRankingSettings(): Promise<unknown>;
  putRankingSettings(settings: RankingSettings, at: number): Promise<void>;
}
