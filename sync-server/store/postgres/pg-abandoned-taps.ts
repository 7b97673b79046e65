import type { AbandonedTapStore } from '../store';
import type { PgDb } from './pg-db';
import { classifyInserted, insertRows } from './pg-rows';

type Count = { windowId: string; month: string; count: number };

/** Counts of bad taps abandoned at the reason screen on PostgreSQL: one contentless row per event, grouped when read. */
export function pgAbandonedTaps(db: PgDb): AbandonedTapStore {
  const counts = (where: string) =>
    `SELECT window_id AS "windowId", month, COUNT(*) AS count FROM abandoned_taps ${where} GROUP BY window_id, month ORDER BY month DESC, window_id COLLATE "C"`;
  return {
    async recordAbandonedTaps(taps) {
      // One transaction: a batch is stored whole or not at all; the key decides between instances storing one id.
      return db.tx(async (c) => {
        const inserted = await insertRows<{ id: string }>(
          c, 'abandoned_taps', ['id', 'window_id', 'month'], taps.map((t) => ({ id: t.id, window_id: t.windowId, month: t.month })),
          'ON CONFLICT (id) DO NOTHING RETURNING id',
        );
        return classifyInserted(
          taps,
          (t) => t.id,
          inserted.map((r) => r.id),
          async (ids) => {
            const rows = await c.query<{ id: string; window_id: string; month: string }>('SELECT id, window_id, month FROM abandoned_taps WHERE id = ANY($1::text[])', [ids]);
            return new Map(rows.map((r) => [r.id, r]));
          },
          (t, s) => s.window_id === t.windowId && s.month === t.month,
        );
      });
    },
    async abandonedTapCounts(scope) {
      return scope.kind === 'all' ? db.query<Count>(counts('')) : db.query<Count>(counts('WHERE window_id = $1'), [scope.windowId]);
    },
  };
}
