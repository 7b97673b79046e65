import type { Channel } from '../../src/domain/channels';
import type { RatingLinkKind } from '../../src/domain/rating-link';
import type { ContactCipher } from '../crypto/contact-cipher';
import { newId, tokenHash } from '../crypto/tokens';
import type { Row } from './catalog-rows';
import { COUNTED } from './sql-rules';

/** A phone-page link as stored (migration 019 / PostgreSQL 007): never its token, only the token's hash. */
export interface StoredRatingLink {
  id: string;
  kind: RatingLinkKind;
  unitId: string;
  windowId: string;
  /** The 办件 a SERVICE_CASE link rates; null for a WINDOW link. */
  serviceCaseId: string | null;
  createdAt: number;
  createdBy: string | null;
}

export type RatingLinkInput = Omit<StoredRatingLink, 'id'>;

/** One rating of a 办件, as src/domain/service-case-assessments.ts needs it (a default 满意 has channel DEFAULT). */
export interface ServiceCaseRatingRow {
  id: string;
  channel: Channel;
  /** Corrected device time (the default's due instant). */
  ratedAt: number;
  assessmentNo: number | null;
}

/** The phone page's links, and the ratings of a 办件 it decides OPEN / FOLLOW_UP / CLOSED from. */
export interface RatingLinkStore {
  /**
   * The link of a 办件 or a window: its token derived under the server key (the same each time, on every instance),
   * its row written once under the token's hash (the first creator is kept; a concurrent second insert meets the
   * unique hash and reads the first row).
   */
  ratingLink(input: RatingLinkInput): Promise<{ token: string; link: StoredRatingLink }>;
  /** The link a token opens, or null (unknown, or not a token at all). */
  findRatingLink(token: string): Promise<StoredRatingLink | null>;
  /** Every counted rating of a 办件 (unit + 办件编号), whatever its channel, the default 满意 included. */
  listServiceCaseRatings(unitId: string, caseNo: string): Promise<ServiceCaseRatingRow[]>;
  /** The same for many 办件 in one read (the national export, a page at a time), each row with its 办件's key. */
  listServiceCaseRatingsOf(keys: readonly ServiceCaseKey[]): Promise<(ServiceCaseRatingRow & ServiceCaseKey)[]>;
}

/** A 办件 by its key: its unit and 办件编号. */
export interface ServiceCaseKey {
  unitId: string;
  caseNo: string;
}

/** The keys as one JSON parameter ([[unitId, caseNo], …]): any number of 办件 without a statement per count. */
export const serviceCaseKeysJson = (keys: readonly ServiceCaseKey[]) => JSON.stringify(keys.map((k) => [k.unitId, k.caseNo]));

/**
 * serviceCaseRatingsSql for the 办件 listed in a JSON parameter; `keys` is the store's row source of its pairs.
 * `case_number IS NOT NULL` lets SQLite use the partial index ratings_service_case.
 */
export const serviceCaseRatingsOfSql = (keys: string) =>
  `SELECT unit_id, case_number, id, channel, rated_at, assessment_no FROM ratings
   WHERE case_number IS NOT NULL AND (unit_id, case_number) IN (${keys}) AND ${COUNTED} ORDER BY rated_at`;

export const serviceCaseRatingOfFromRow = (r: Row): ServiceCaseRatingRow & ServiceCaseKey => ({
  ...serviceCaseRatingFromRow(r),
  unitId: String(r.unit_id),
  caseNo: String(r.case_number),
});

/**
 * The token of a link: what it rates, HMAC'd under the cipher's link key. A 办件 is named by its id (its 办件编号 may
 * be corrected by the business system), a window by its id. Versioned so a later scheme can sit beside it.
 */
export function ratingLinkToken(cipher: ContactCipher, input: Pick<RatingLinkInput, 'kind' | 'windowId' | 'serviceCaseId'>): string {
  const subject = input.kind === 'SERVICE_CASE' ? `SERVICE_CASE:${input.serviceCaseId}` : `WINDOW:${input.windowId}`;
  return cipher.linkToken(`v1:${subject}`);
}

/** Only a string shaped like a token is hashed and looked up: 43 base64url characters (256 bits). */
export const RATING_LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const ratingLinkHash = (token: string) => tokenHash(token);

const COLUMNS = ['id', 'token_hash', 'kind', 'unit_id', 'window_id', 'service_case_id', 'created_at', 'created_by'] as const;

export const ratingLinkInsertSql = (mark: (n: number) => string) =>
  `INSERT INTO rating_links (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => mark(i + 1)).join(', ')}) ON CONFLICT (token_hash) DO NOTHING`;

export const ratingLinkValues = (hash: string, input: RatingLinkInput) => [
  newId('rl'),
  hash,
  input.kind,
  input.unitId,
  input.windowId,
  input.serviceCaseId,
  input.createdAt,
  input.createdBy,
];

export const ratingLinkByHashSql = (mark: (n: number) => string) => `SELECT * FROM rating_links WHERE token_hash = ${mark(1)}`;

export const ratingLinkFromRow = (r: Row): StoredRatingLink => ({
  id: String(r.id),
  kind: r.kind as RatingLinkKind,
  unitId: String(r.unit_id),
  windowId: String(r.window_id),
  serviceCaseId: r.service_case_id === null ? null : String(r.service_case_id),
  createdAt: Number(r.created_at),
  createdBy: r.created_by === null ? null : String(r.created_by),
});

/** A paper form counts once checked (sql-rules.ts): an unchecked one is not yet an assessment. */
export const serviceCaseRatingsSql = (mark: (n: number) => string) =>
  `SELECT id, channel, rated_at, assessment_no FROM ratings WHERE unit_id = ${mark(1)} AND case_number = ${mark(2)} AND ${COUNTED} ORDER BY rated_at`;

export const serviceCaseRatingFromRow = (r: Row): ServiceCaseRatingRow => ({
  id: String(r.id),
  channel: r.channel as Channel,
  ratedAt: Number(r.rated_at),
  assessmentNo: r.assessment_no === null ? null : Number(r.assessment_no),
});
