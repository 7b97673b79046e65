// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * From version 12 (issue 11) the server counts bad levels tapped at a kiosk and then left at the reason screen,
 * per window and month. One row per event, keyed by the kiosk's id so a replayed push counts once; nothing else
 * is kept: no level, no device, no time finer than the month, nothing the citizen typed.
 */
export const MIGRATION_12_SQL = `
  CREATE TABLE abandoned_taps (
    id TEXT PRIMARY KEY,
    window_id TEXT NOT NULL,
    month TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX abandoned_taps_by_window_month ON abandoned_taps (window_id, month);
`;
