import { afterEach, beforeEach } from 'vitest';
import { demoHall } from '../../../sync-server/store/demo-hall';
import type { IngestBatch, PreparedRating, Store } from '../../../sync-server/store/store';
import type { RatingRecord } from '../../../src/domain/rating';
import { DEMO_DEVICE } from '../../support/ratings';

/** Makes a new, empty, migrated store (no catalogue, no mode): one per test, closed after it. */
export type MakeStore = () => Promise<Store>;

export interface ContractContext {
  /** The store of the running test, seeded with the demo hall (no passwords, no PINs). */
  readonly store: Store;
}

/** Opens a fresh store before each test of the enclosing describe and closes it after. */
export function useStore(makeStore: MakeStore): ContractContext {
  let current: Store | null = null;
  beforeEach(async () => {
    current = await makeStore();
    await current.seed(demoHall({ passwordHash: null, pinHash: null }));
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return {
    get store() {
      if (!current) throw new Error('no store outside a test');
      return current;
    },
  };
}

/** An item as ingest hands it over; the hash stands in for canonical.ts's digest (the store only compares it). */
export const item = (record: RatingRecord, opensCase: PreparedRating['opensCase'] = null, hash = `h-${record.id}-${record.level}`): PreparedRating => ({
  record,
  hash,
  opensCase,
});

export const batch = (items: PreparedRating[], receivedAt = 1_800_000_000_000, clockOffsetMs = 0): IngestBatch => ({
  deviceId: DEMO_DEVICE,
  receivedAt,
  clockOffsetMs,
  items,
});

/** A paper form of window 1 about 李明, typed in by 王芳 (demo-s2). */
export function paperForm(r: RatingRecord, caseNumber = 'QH-2026-001'): RatingRecord {
  return {
    ...r,
    channel: 'PAPER',
    caseNumber,
    staffId: 'demo-s1',
    paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: true },
  };
}
