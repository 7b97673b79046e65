import type { ServiceCase, ServiceCaseFields, ServiceCaseUpsertOutcome } from '../../src/domain/service-case';
import type { SystemToken } from '../../src/domain/service-case-api';
import type { StoredInvitation } from './invitation-rows';

// The 办件 side of the store (service cases, the business-system tokens that write them, rating invitations), apart
// from store.ts so each part of the Store interface stays readable; store.ts re-exports these names.

/** Which 办件 a list shows: any of the filters (all of them apply), newest accepted first. */
export interface ServiceCaseFilter {
  staffId?: string;
  windowId?: string;
  unitId?: string;
  /** Accepted at or after (Unix ms). */
  from?: number;
  /** Accepted before (Unix ms). */
  to?: number;
  limit: number;
}

/** 办件 (service cases: what a window handled), not bad-review cases (CaseStore). */
export interface ServiceCaseStore {
  /**
   * Writes the batch in one transaction, each item by its key (unit, 办件编号), in order: a new key is inserted
   * ('added', with a new UUIDv7 id and `at` as received and updated time); a known key whose fields differ is
   * changed ('updated': item, window, staff, applicant type, times, status; the first source and id stay); an
   * identical one is 'unchanged'. The unique key decides between instances writing the same 办件 at once.
   */
  upsertServiceCases(items: readonly ServiceCaseFields[], at: number): Promise<{ id: string; outcome: ServiceCaseUpsertOutcome }[]>;
  listServiceCases(filter: ServiceCaseFilter): Promise<ServiceCase[]>;
  getServiceCase(id: string): Promise<ServiceCase | null>;
  findServiceCase(unitId: string, caseNo: string): Promise<ServiceCase | null>;
  /** The stored 办件 of each 办件编号 of the unit, in the order asked, null where there is none (an import's preview). */
  findServiceCases(unitId: string, caseNos: readonly string[]): Promise<(ServiceCase | null)[]>;
}

/** A business-system token as stored: its hash only, never the token. */
export interface StoredSystemToken extends SystemToken {
  tokenHash: string;
}

/** Tokens with which a hall's business system writes 办件 of one unit. */
export interface SystemTokenStore {
  insertSystemToken(token: StoredSystemToken): Promise<void>;
  findSystemTokenByHash(tokenHash: string): Promise<StoredSystemToken | null>;
  listSystemTokens(): Promise<StoredSystemToken[]>;
  /** Marks a token revoked; false when it is unknown or revoked already (the conditional update decides). */
  revokeSystemToken(id: string, by: string, at: number): Promise<boolean>;
  /** Records a use at `at`, unless one was recorded within the minute before (a busy system writes no row per batch). */
  touchSystemToken(id: string, at: number): Promise<void>;
}

/** Rating invitations (一次一评): made by staff or the business system, read by the window's kiosk. */
export interface InvitationStore {
  /** Stores the invitation and cancels the window's older open ones, in one transaction (one open per window). */
  createInvitation(invitation: StoredInvitation): Promise<void>;
  /** The window's newest invitation newer than `after` (an id) that is neither answered, cancelled nor lapsed at `now`. */
  openInvitation(windowId: string, after: string | undefined, now: number): Promise<StoredInvitation | null>;
  getInvitation(id: string): Promise<StoredInvitation | null>;
  /** Of the 办件 given, those an answered invitation rated. */
  ratedServiceCaseIds(ids: readonly string[]): Promise<Set<string>>;
}
