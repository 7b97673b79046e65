/** Keys of server_settings, the same in every store. */
export const MODE_KEY = 'mode';
/** The contact key's check value (store.settleContactKeyCheck). */
export const CONTACT_KEY_CHECK = 'contact_key_check';
/** The rankings' settings (src/domain/figures/ranking-settings.ts), JSON. */
export const RANKING_SETTINGS_KEY = 'ranking_settings';
