import { describe, expect, it } from 'vitest';
import { queueAbandonedTap } from '../../src/data/abandoned-taps';
import { exportUnsent } from '../../src/data/unsent-export';
import { cstMonth } from '../../src/domain/abandoned-taps';
import { freshDb, queueRatings, badDraft } from '../support/kiosk-fixtures';

describe('an abandoned bad tap on the tablet', () => {
  it('is queued as id, window and month (in China) with its outbox entry in the abandon stream', async () => {
    const db = await freshDb();
    // 2026-11-30 17:00 UTC is already December in China.
    const at = Date.UTC(2026, 10, 30, 17, 0);
    const record = await queueAbandonedTap(db, 'demo-w1', at);
    expect(record).toEqual({ id: expect.any(String), windowId: 'demo-w1', month: '2026-12' });
    expect(cstMonth(at)).toBe('2026-12');
    expect(await db.outbox.get(record.id)).toMatchObject({ stream: 'abandon', state: 'pending' });
  });

  it('stays out of the unsent export, which rescues ratings', async () => {
    const db = await freshDb();
    const [ratingId] = await queueRatings(db, [badDraft]);
    await queueAbandonedTap(db, 'demo-w1');
    const file = await exportUnsent(db);
    expect(file.count).toBe(1);
    expect(JSON.parse(file.json).items.map((i: { outbox: { id: string } }) => i.outbox.id)).toEqual([ratingId]);
  });
});
