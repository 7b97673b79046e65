import type Database from 'better-sqlite3';
import type { AbandonedTapStore } from '../store';

/** Counts of bad taps abandoned at the reason screen: one contentless row per event, grouped when read. */
export function sqliteAbandonedTaps(db: Database.Database): AbandonedTapStore {
  const find = db.prepare('SELECT window_id, month FROM abandoned_taps WHERE id = ?');
  const insert = db.prepare('INSERT INTO abandoned_taps (id, window_id, month) VALUES (?, ?, ?)');
  const grouped = (where: string) =>
    db.prepare(`SELECT window_id AS windowId, month, COUNT(*) AS count FROM abandoned_taps ${where} GROUP BY window_id, month ORDER BY month DESC, window_id`);
  const all = grouped('');
  const byWindow = grouped('WHERE window_id = ?');
  return {
    async recordAbandonedTaps(taps) {
      // One transaction: a batch is stored whole or not at all.
      return db.transaction(() =>
        taps.map((t) => {
          const stored = find.get(t.id) as { window_id: string; month: string } | undefined;
          if (!stored) {
            insert.run(t.id, t.windowId, t.month);
            return 'accepted' as const;
          }
          return stored.window_id === t.windowId && stored.month === t.month ? ('duplicate' as const) : ('conflict' as const);
        }),
      ).immediate();
    },
    async abandonedTapCounts(scope) {
      return (scope.kind === 'all' ? all.all() : byWindow.all(scope.windowId)) as { windowId: string; month: string; count: number }[];
    },
  };
}
