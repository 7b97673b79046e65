import type { LocalizedText } from '../../src/domain/locales';
import type { RatingRecord } from '../../src/domain/rating';
import type { Reason } from '../../src/domain/reasons';

export interface CatalogUnit {
  id: string;
  name: LocalizedText;
}
export interface CatalogWindow {
  id: string;
  unitId: string;
  number: string;
  name: LocalizedText;
  sortOrder: number;
}
export interface CatalogStaff {
  id: string;
  name: string;
  employeeNo: string;
  unitId: string;
  windowId: string | null;
  photoUrl: string | null;
}
export interface Catalog {
  units: CatalogUnit[];
  windows: CatalogWindow[];
  staff: CatalogStaff[];
  reasons: Reason[];
}

/** A record that passed validation, with the hash that tells a replay from a conflict. */
export interface PreparedRating {
  record: RatingRecord;
  hash: string;
}

export interface IngestBatch {
  deviceId: string;
  receivedAt: number;
  /** Server clock minus device clock, as seen when this batch arrived. */
  clockOffsetMs: number;
  items: PreparedRating[];
}

export type InsertOutcome = 'accepted' | 'duplicate' | 'conflict';

export interface StoredRating extends RatingRecord {
  seq: number;
  receivedAt: number;
  /** Device time corrected by the offset estimated at sync. */
  ratedAt: number;
  clockOffsetMs: number;
}

export interface StoredConflict {
  ratingId: string;
  deviceId: string;
  receivedAt: number;
  payload: RatingRecord;
}

/**
 * What the server keeps. SQLite is the default; a PostgreSQL implementation follows the same contract:
 * insertRatings writes the whole batch in one transaction and answers each item in order.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  loadCatalog(): Promise<Catalog>;
  isCatalogEmpty(): Promise<boolean>;
  seedCatalog(catalog: Catalog): Promise<void>;
  insertRatings(batch: IngestBatch): Promise<InsertOutcome[]>;
  listRatings(afterSeq: number, limit: number): Promise<StoredRating[]>;
  countRatings(): Promise<number>;
  listConflicts(): Promise<StoredConflict[]>;
  close(): Promise<void>;
}
