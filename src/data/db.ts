import Dexie, { type Table } from 'dexie';
import type { RatingRecord } from '../domain/rating';
import type { ApiError } from '../domain/sync-api';
import type { OutboxStream } from './streams';

/**
 * A rating the server does not have yet. It is deleted, contact data and all, once the server acknowledges it;
 * its outbox entry says where it stands.
 */
export interface LocalRating {
  id: string;
  record: RatingRecord;
  createdAt: number;
  /** Set when a held record's contact was removed after the retention period (src/data/contact-retention.ts). */
  contactDroppedAt?: number;
}

/**
 * A rating waiting for the server. Rows leave only on the server's ack; a conflict or a permanent refusal changes
 * the state and keeps the row, so nothing is ever silently dropped.
 */
/** The streams are declared once, in src/data/streams.ts: payload table, route, authentication, meta keys. */
export type { OutboxStream } from './streams';

export interface OutboxItem {
  id: string;
  stream: OutboxStream;
  state: 'pending' | 'conflict' | 'dead';
  attempts: number;
  enqueuedAt: number;
  updatedAt: number;
  lastError?: ApiError;
}

/** A photo of a paper form, kept until the server has it (then deleted: it shows the evaluator's phone). */
export interface StoredPhoto {
  /** The rating's id, or "draft:<staff id>" for the photo of a form not yet submitted. */
  id: string;
  blob: Blob;
  state: 'waiting' | 'dead';
  lastError?: ApiError;
  createdAt: number;
  /**
   * Who typed in the form (set when it is submitted): only their session may send the photo. Absent on drafts and
   * on photos stored before this field existed.
   */
  enteredBy?: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export const DB_NAME = 'haochaping-window';

export class KioskDatabase extends Dexie {
  ratings!: Table<LocalRating, string>;
  outbox!: Table<OutboxItem, string>;
  meta!: Table<MetaEntry, string>;
  photos!: Table<StoredPhoto, string>;
  /** Actions on bad-review cases taken on this tablet, waiting in the outbox's 'case' stream like ratings. */
  caseActions!: Table<{ id: string; record: import('../domain/case-api').CaseActionRecord; createdAt: number }, string>;
  /** Bad taps left at the reason screen, waiting in the outbox's 'abandon' stream: id, window, month, nothing else. */
  abandonedTaps!: Table<{ id: string; record: import('../domain/abandoned-taps').AbandonedTap; createdAt: number }, string>;
  /** 办件 typed in on a staff tablet, waiting in the outbox's 'serviceCase' stream (src/data/tablet-service-cases.ts). */
  serviceCases!: Table<{ id: string; record: import('../domain/tablet-service-case').TabletServiceCase; createdAt: number }, string>;

  constructor(name: string = DB_NAME) {
    // Strict durability: the commit that lets the thank-you screen show has reached the disk.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      ratings: 'id, createdAt',
      // [state+id]: the waiting entries in id order; Dexie also answers where('state') from it.
      outbox: 'id, [state+id]',
      meta: 'key',
    });
    // Version 2 (paper forms): outbox entries belong to a stream; photos of paper forms wait in their own table.
    this.version(2)
      .stores({ outbox: 'id, state, [state+stream+id]', photos: 'id, state' })
      .upgrade((tx) =>
        tx
          .table('outbox')
          .toCollection()
          .modify((item: OutboxItem) => {
            item.stream ??= 'kiosk';
          }),
      );
    // Version 3 (bad-review cases): actions taken offline wait here until the server has them.
    this.version(3).stores({ caseActions: 'id, createdAt' });
    // Version 4 (issue 11): counts of bad taps abandoned at the reason screen wait here like ratings.
    this.version(4).stores({ abandonedTaps: 'id, createdAt' });
    // Version 5 (issue 14): 办件 typed in by window staff wait here until the server has them.
    this.version(5).stores({ serviceCases: 'id, createdAt' });
    // iOS and Chromium close connections under memory pressure; reopen instead of failing the next tap.
    this.on('close', () => {
      void this.open().catch(() => undefined);
    });
  }
}

let shared: KioskDatabase | undefined;

/** The app's one database instance. */
export function kioskDb(): KioskDatabase {
  shared ??= new KioskDatabase();
  return shared;
}
