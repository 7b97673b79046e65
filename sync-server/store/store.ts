import type { Catalog, CatalogStaff, CatalogUnit, CatalogWindow, ServiceItem } from '../../src/domain/catalog';
import type { Contact } from '../../src/domain/contact';
import type { RatingRecord } from '../../src/domain/rating';
import type { AuditEntry, MaskedContact } from '../../src/domain/ratings-api';
import type { Reason } from '../../src/domain/reasons';
import type { RatingScope } from '../../src/domain/roles';

export type { Catalog, CatalogStaff, CatalogUnit, CatalogWindow, ServiceItem };

/** What a fresh database is seeded with: the catalogue and, in demo mode, accounts with known passwords. */
export interface Seed {
  units: CatalogUnit[];
  windows: CatalogWindow[];
  staff: (CatalogStaff & { passwordHash: string | null })[];
  reasons: Reason[];
  serviceItems: ServiceItem[];
}

export interface CatalogStore {
  loadCatalog(): Promise<Catalog>;
  isCatalogEmpty(): Promise<boolean>;
  seed(seed: Seed): Promise<void>;
  insertUnit(unit: CatalogUnit): Promise<void>;
  updateUnit(id: string, patch: Partial<Omit<CatalogUnit, 'id'>>): Promise<boolean>;
  insertWindow(window: CatalogWindow): Promise<void>;
  updateWindow(id: string, patch: Partial<Omit<CatalogWindow, 'id'>>): Promise<boolean>;
  insertServiceItem(item: ServiceItem): Promise<void>;
  updateServiceItem(id: string, patch: Partial<Omit<ServiceItem, 'id'>>): Promise<boolean>;
  insertReason(reason: Reason): Promise<void>;
  updateReason(key: string, patch: Partial<Omit<Reason, 'key'>>): Promise<boolean>;
  setStaffPhoto(staffId: string, mime: string, bytes: Buffer, at: number): Promise<boolean>;
  getStaffPhoto(staffId: string): Promise<{ mime: string; bytes: Buffer; updatedAt: number } | null>;
}

export interface StaffAccount extends CatalogStaff {
  passwordHash: string | null;
  mustChangePassword: boolean;
  failedSignIns: number;
  lockedUntil: number | null;
}

export interface SessionRow {
  staffId: string;
  expiresAt: number;
  lastSeenAt: number;
}

export interface AccountStore {
  getAccount(id: string): Promise<StaffAccount | null>;
  findAccountByEmployeeNo(employeeNo: string): Promise<StaffAccount | null>;
  insertAccount(account: StaffAccount): Promise<void>;
  updateAccount(id: string, patch: Partial<Omit<StaffAccount, 'id' | 'employeeNo' | 'photoUpdatedAt'>>): Promise<boolean>;
  insertSession(tokenHash: string, staffId: string, createdAt: number, expiresAt: number, userAgent: string | null): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | null>;
  touchSession(tokenHash: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a person (password changed or reset, account disabled), except the one named. */
  deleteSessionsOf(staffId: string, exceptTokenHash?: string): Promise<void>;
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

/** A stored rating as lists see it: contact masked, never decrypted. */
export interface StoredRating extends Omit<RatingRecord, 'contact'> {
  seq: number;
  receivedAt: number;
  /** Device time corrected by the offset estimated at sync. */
  ratedAt: number;
  clockOffsetMs: number;
  contact: MaskedContact | null;
}

export interface StoredConflict {
  ratingId: string;
  deviceId: string;
  receivedAt: number;
  payload: Omit<RatingRecord, 'contact'>;
  hasContact: boolean;
}

export interface RatingStore {
  /** Writes the whole batch in one transaction and answers each item in order. */
  insertRatings(batch: IngestBatch): Promise<InsertOutcome[]>;
  /** Everything, in arrival order: the export. */
  listRatings(afterSeq: number, limit: number): Promise<StoredRating[]>;
  /** Newest first within a scope; `before` is a ratedAt to page back from. */
  listRatingsInScope(scope: RatingScope, opts: { before?: number; limit: number }): Promise<StoredRating[]>;
  getRating(id: string): Promise<StoredRating | null>;
  /** Decrypts the contact of one rating; callers log the reveal. */
  revealContact(id: string): Promise<Contact | null>;
  countRatings(): Promise<number>;
  listConflicts(): Promise<StoredConflict[]>;
}

export type AuditInput = Omit<AuditEntry, 'seq' | 'actorName'>;

export interface AuditStore {
  appendAudit(entry: AuditInput): Promise<void>;
  listAudit(opts: { before?: number; limit: number }): Promise<AuditEntry[]>;
}

/**
 * What the server keeps. SQLite is the default; a PostgreSQL implementation follows the same contract.
 */
export interface Store extends CatalogStore, AccountStore, RatingStore, AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
