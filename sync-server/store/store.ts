import type { Catalog, CatalogStaff, CatalogUnit, CatalogWindow, ServiceItem } from '../../src/domain/catalog';
import type { Contact } from '../../src/domain/contact';
import type { RatingRecord } from '../../src/domain/rating';
import type { AuditEntry, MaskedContact } from '../../src/domain/ratings-api';
import type { Reason } from '../../src/domain/reasons';
import type { RatingScope, Role } from '../../src/domain/roles';
import type { CaseEvent, CaseFacts } from '../../src/domain/case-machine';
import type { CalendarYear } from '../../src/domain/workdays';
import type { DeviceListItem, DeviceReportInput } from '../../src/domain/device-api';
import type { DefaultRatingStore } from './default-rating-rows';
import type { InvitationStore, ServiceCaseStore, SystemTokenStore } from './service-case-store';
import type { RatingFlagStore } from './rating-flag-store';
import type { RatingLinkStore } from './rating-link-rows';
import type { FigureStore } from './figure-rows';
import type { AnnualStore } from './annual-rows';
import type { CommentPublicationStore } from './comment-publication-rows';
import type { MonthCloseStore } from './month-close-rows';
import type { RankingSettingsStore } from './ranking-settings-store';
import type { BulletinStore } from './bulletin-rows';
import type { PublicStore } from './public-rows';

export type { InvitationStore, ServiceCaseFilter, ServiceCaseStore, StoredSystemToken, SystemTokenStore } from './service-case-store';

export type { Catalog, CatalogStaff, CatalogUnit, CatalogWindow, ServiceItem };

/** What a fresh database is seeded with: the catalogue and, in demo mode, accounts with known passwords. */
export interface Seed {
  units: CatalogUnit[];
  windows: CatalogWindow[];
  staff: (CatalogStaff & { passwordHash: string | null; pinHash: string | null })[];
  reasons: Reason[];
  serviceItems: ServiceItem[];
}

/**
 * The catalogue kiosks copy. Every write here that changes a row changes `catalogVersion()` in the same
 * transaction (one step per row written); which account writes count is store/rules/catalog-version.ts.
 */
export interface CatalogStore {
  loadCatalog(): Promise<Catalog>;
  isCatalogEmpty(): Promise<boolean>;
  seed(seed: Seed): Promise<void>;
  insertUnit(unit: CatalogUnit): Promise<void>;
  updateUnit(id: string, patch: Partial<Omit<CatalogUnit, 'id' | 'divisionCode'>> & { divisionCode?: string | null }): Promise<boolean>;
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
  /** PBKDF2 hash of the kiosk PIN, checked on the kiosk itself so sign-on works offline. */
  pinHash: string | null;
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

/** A bad-review case a write must open, as decided by store/rules/case-opening.ts (the store does not judge). */
export interface CaseOpening {
  /** No phone to call back: the case skips the call and the reply. */
  anonymous: boolean;
}

/** A record that passed validation, with the hash that tells a replay from a conflict. */
export interface PreparedRating {
  record: RatingRecord;
  /** The plain digest (canonical.ts); the store keeps only its keyed fingerprint. */
  hash: string;
  /**
   * The case this rating opens when it is accepted (not on a replay or a conflict): written in the same
   * transaction, case id = rating id, received at the batch's time. Null: no case.
   */
  opensCase: CaseOpening | null;
}

export interface IngestBatch {
  deviceId: string;
  receivedAt: number;
  /** Server clock minus device clock, as seen when this batch arrived. */
  clockOffsetMs: number;
  items: PreparedRating[];
}

/** invitation-used / invitation-mismatch: the rating's session id is another rating's, or another window's or 办件's (invitation-rows.ts). */
export type InsertOutcome = 'accepted' | 'duplicate' | 'conflict' | 'invitation-used' | 'invitation-mismatch';

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
  /** Everything that counts (a paper form once checked), in arrival order: the export. */
  listRatings(afterSeq: number, limit: number): Promise<StoredRating[]>;
  /** Newest first within a scope, counted ratings only (a paper form once checked); `before` is a ratedAt to page back from. */
  listRatingsInScope(scope: RatingScope, opts: { before?: number; limit: number }): Promise<StoredRating[]>;
  getRating(id: string): Promise<StoredRating | null>;
  /** Several ratings by id in one read (ids not found are left out). */
  getRatings(ids: readonly string[]): Promise<StoredRating[]>;
  /** Decrypts the contact of one rating; callers log the reveal. */
  revealContact(id: string): Promise<Contact | null>;
  /** Decrypts the full comment of one rating (lists carry the scrubbed copy); callers log the reveal. */
  revealComment(id: string): Promise<string | null>;
  countRatings(): Promise<number>;
  listConflicts(): Promise<StoredConflict[]>;
  /** Paper ratings of this case and level by the same evaluator (name, phone in its normal form), by keyed fingerprint. */
  findPaperRatings(caseNumber: string, level: string, contact?: Contact): Promise<StoredRating[]>;
  /** Stores a paper form's photo encrypted; an identical second upload is a duplicate, a different one a conflict. */
  putRatingPhoto(ratingId: string, mime: string, bytes: Buffer, at: number): Promise<'stored' | 'duplicate' | 'conflict'>;
  getRatingPhoto(ratingId: string): Promise<{ mime: string; bytes: Buffer } | null>;
}

/** A device as stored: what the administrator's list shows, plus who enrolled and revoked it (kept server-side). */
export interface DeviceRow extends DeviceListItem {
  enrolledBy: string | null;
  revokedBy: string | null;
}

export type DeviceReport = DeviceReportInput & { userAgent: string | null };

/** 'in-use': the id is an enrolled (not revoked) device and the request did not carry that device's credential. */
export type EnrolOutcome = { ok: true; device: DeviceRow } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'in-use' };

export interface DeviceStore {
  insertEnrolmentCode(code: { codeHash: string; windowId: string; createdBy: string; createdAt: number; expiresAt: number }): Promise<void>;
  /**
   * Consumes the code and registers the device (or gives a known device a new credential) in one transaction.
   * An enrolled, not revoked device id is taken only with that device's current credential (`presentedCredentialHash`).
   */
  enrolDevice(e: {
    codeHash: string;
    deviceId: string;
    credentialHash: string;
    at: number;
    report: DeviceReport;
    presentedCredentialHash?: string | null;
  }): Promise<EnrolOutcome>;
  findDeviceByCredential(credentialHash: string): Promise<DeviceRow | null>;
  listDevices(): Promise<DeviceRow[]>;
  revokeDevice(id: string, by: string, at: number): Promise<boolean>;
  /** Every window this device has been enrolled for, the current one included. */
  deviceWindowIds(id: string): Promise<string[]>;
  recordDeviceReport(id: string, report: DeviceReport, at: number): Promise<void>;
  /**
   * A counter that only grows, moved by every catalogue write a kiosk shows (see CatalogStore and
   * store/rules/catalog-version.ts): catalogue rows, new accounts, staff photos, granted roles, and account
   * changes `accountChangeShownToKiosks` names. Other account writes (password, sign-in failures) leave it.
   */
  catalogVersion(): Promise<number>;
  /** PIN hashes of the given staff, for the kiosk roster of their window. */
  pinHashes(staffIds: string[]): Promise<Map<string, string>>;
}

export interface StoredCaseEvent extends CaseEvent {
  seq: number;
  payloadHash: string;
  /** The server's clock when the event arrived (the tablet's `at` is its own word): what reports go by. */
  receivedAt: number;
}

export interface StoredCase {
  facts: CaseFacts;
  events: StoredCaseEvent[];
}

export interface CaseEventAppend {
  caseId: string;
  expectedEvents: number;
  event: CaseEvent;
  payloadHash: string;
  /** The case's closing time once this event is applied: the event's time for CLOSE, null otherwise. */
  closedAt: number | null;
}

export interface CaseStore {
  /**
   * Cases in a scope (the rating scopes of src/domain/roles.ts), with their events in order: the open ones, and
   * the closed ones closed at or after `closedSince` (all of them when it is left out).
   */
  listCases(scope: RatingScope, opts?: { closedSince?: number }): Promise<StoredCase[]>;
  /** How many cases in the scope are open, and when the newest case of the scope arrived. */
  caseCounts(scope: RatingScope): Promise<{ open: number; latestReceivedAt: number | null }>;
  getCase(id: string): Promise<StoredCase | null>;
  findCaseEvent(eventId: string): Promise<StoredCaseEvent | null>;
  /**
   * Appends accepted events in one transaction, each only if its case still has exactly `expectedEvents` events
   * (the number the caller replayed, earlier items of this call included): the optimistic concurrency check, made
   * by the store because only it sees the transaction. False, and nothing written, when another request changed
   * one of them meanwhile; the caller re-reads and decides again. Each item also sets its case's `closedAt`.
   */
  appendCaseEvents(items: CaseEventAppend[], receivedAt: number): Promise<boolean>;
  listCalendarYears(): Promise<CalendarYear[]>;
  putCalendarYear(year: CalendarYear, by: string | null, at: number): Promise<void>;
}

/** Paper forms waiting for, and given, the check (复核) by a second person of their window. */
export interface PaperCheckStore {
  /** Paper forms not yet checked, of one window or typed in by one person, oldest first. */
  listUncheckedPaper(filter: { windowId: string } | { enteredBy: string }, limit: number): Promise<StoredRating[]>;
  /**
   * Records the check and opens the case `opensCase` describes (store/rules/case-opening.ts decides; id = the
   * rating's, received at `at`; kept if one exists), in one transaction: from now on the form counts.
   * An already checked form keeps its first check ('already') and opens nothing; null when there is no such form.
   */
  confirmPaperCheck(ratingId: string, by: string, at: number, opensCase: CaseOpening | null): Promise<{ outcome: 'checked' | 'already'; checkedBy: string; checkedAt: number } | null>;
}

export type ServerMode = 'demo' | 'production';

/** What the one-time mode decision looks at, read inside its transaction. */
export interface ModeState {
  /** The mode written when this database was first started (or made production by create-admin); null before. */
  stored: ServerMode | null;
  /** No unit and no account yet: a database nobody has used. */
  fresh: boolean;
  accountIds: string[];
  reasonCount: number;
}

/** The mode to store, and what a database getting its mode now starts with. */
export interface ModeDecision {
  mode: ServerMode;
  /** The demo hall, for a new demo database. */
  seed?: Seed;
  /** Bad-review reasons for a real hall that has none. */
  seedReasons?: readonly Reason[];
}

export interface SettingsStore {
  serverMode(): Promise<ServerMode | null>;
  /**
   * Reads the state, asks `decide`, and writes its seed and the mode in one transaction: two processes starting
   * together cannot both seed, and a database is never seeded without its mode being stored.
   */
  settleServerMode<D extends ModeDecision>(decide: (state: ModeState) => D): Promise<D>;
  /**
   * The contact key's check value (a fingerprint, which tells nothing of the key): stored by the first process that
   * asks, compared by every later one. False when this database was written with another key: an instance started
   * with a new key instead of the shared one would store contact data nobody else can read.
   */
  settleContactKeyCheck(check: string): Promise<boolean>;
}

export type AuditInput = Omit<AuditEntry, 'seq' | 'actorName'>;

export interface AuditStore {
  appendAudit(entry: AuditInput): Promise<void>;
  listAudit(opts: { before?: number; limit: number }): Promise<AuditEntry[]>;
}

/** A grant of guarded roles (src/domain/roles.ts), pending until a second administrator decides it. */
export interface StoredRoleGrant {
  id: string;
  staffId: string;
  /** The roles it adds. */
  roles: Role[];
  /** The account's roles when it was asked for. */
  oldRoles: Role[];
  requestedBy: string;
  requestedAt: number;
  state: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface RoleGrantStore {
  insertRoleGrant(grant: Pick<StoredRoleGrant, 'id' | 'staffId' | 'roles' | 'oldRoles' | 'requestedBy' | 'requestedAt'>): Promise<void>;
  getRoleGrant(id: string): Promise<StoredRoleGrant | null>;
  listPendingRoleGrants(): Promise<StoredRoleGrant[]>;
  /** Marks a pending grant approved and adds its roles to the account, in one transaction; null if not pending. */
  approveRoleGrant(id: string, by: string, at: number): Promise<{ grant: StoredRoleGrant; oldRoles: Role[]; newRoles: Role[] } | null>;
  /** Marks a pending grant refused; null if not pending. */
  refuseRoleGrant(id: string, by: string, at: number): Promise<StoredRoleGrant | null>;
}

/** Bad taps left at the kiosk's reason screen (issue 11): counted per window and month, nothing else kept. */
export interface AbandonedTapStore {
  /** Stores a batch in one transaction; per item: new, the same id already stored alike, or stored otherwise. */
  recordAbandonedTaps(taps: { id: string; windowId: string; month: string }[]): Promise<('accepted' | 'duplicate' | 'conflict')[]>;
  /** Newest month first. */
  abandonedTapCounts(scope: { kind: 'all' } | { kind: 'window'; windowId: string }): Promise<{ windowId: string; month: string; count: number }[]>;
}

/** A count of failed password checks under one key (auth/failure-delays.ts). */
export interface FailureCount {
  failures: number;
  /** Time of the latest failure. */
  last: number;
  /** The `last` before the latest failure, put back when that failure is forgiven. */
  previous: number;
  /** When the count is forgotten (no failure since): expired rows are ignored, and deleted on a later write. */
  expiresAt: number;
}

/**
 * Limits on attempts, in the database so that every instance counts the same attempts (issue 13). The rules (how
 * long to wait) stay in sync-server/auth; the store only keeps the counts and changes them in turn.
 */
export interface LimitStore {
  /**
   * In one transaction: reads the counts of `keys` (null: none, or expired at `now`), asks `decide`, and writes
   * what it answers per key (a count; null deletes; undefined leaves it). Instances checking and counting the
   * same key at once take turns, so a burst of parallel attempts cannot slip through one gap together.
   */
  changeFailureCounts<T>(
    keys: readonly string[],
    now: number,
    decide: (counts: (FailureCount | null)[]) => { counts: (FailureCount | null | undefined)[]; result: T },
  ): Promise<T>;
  /**
   * A sliding-window limit, in one transaction: counts the attempts under `key` not expired at `now` (and the time
   * of the oldest), asks `decide`, and records one more attempt at `now` when it answers an expiry for it.
   */
  countAttempt<T>(
    key: string,
    now: number,
    decide: (recent: { count: number; oldest: number | null }) => { recordUntil: number | null; result: T },
  ): Promise<T>;
}


/**
 * What the server keeps. SQLite is the default; a PostgreSQL implementation follows the same contract.
 */
export interface Store extends RatingFlagStore, CatalogStore, AccountStore, RatingStore, AuditStore, DeviceStore, CaseStore, PaperCheckStore, SettingsStore, RoleGrantStore, AbandonedTapStore, LimitStore, ServiceCaseStore, SystemTokenStore, DefaultRatingStore, InvitationStore, RatingLinkStore, FigureStore, AnnualStore, CommentPublicationStore, MonthCloseStore, RankingSettingsStore, BulletinStore, PublicStore {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
