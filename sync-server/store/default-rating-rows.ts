import { DEFAULT_RATING_LEVEL } from '../../src/domain/default-rating';
import type { RatingRecord } from '../../src/domain/rating';
import { RATING_SCHEMA_VERSION } from '../../src/domain/rating-limits';
import { CST_OFFSET_MS } from '../../src/domain/time';
import { payloadHash } from '../canonical';
import type { ContactCipher } from '../crypto/contact-cipher';
import { RATING_COLUMNS, toRatingRow, type RatingRow } from './rating-row';

/*
 * The default 满意 of finished 办件 (issue 14) as rows and the SQL both SQL stores run alike (parameter marks and
 * PostgreSQL's byte-order collation aside). The rules are in src/domain/default-rating.ts and the job in
 * sync-server/defaults/; the stores only find candidates, insert under the unique key and mark superseded rows.
 *
 * A 办件's ratings are those of its unit with its 办件编号 in `case_number`. A *citizen* rating is any other channel
 * than DEFAULT that counts (a paper form once checked): it supersedes the default when it was made (rated_at) at or
 * before the default's own time, which is the due instant.
 */

/** The pseudo device the server's defaults are stored under (a catalogue-id shape, like every device id). */
export const SERVER_DEFAULT_DEVICE_ID = 'server-default-rating';

/** A finished 办件 without a default that may need one (the job decides with the calendar). */
export interface DefaultCandidate {
  serviceCaseId: string;
  unitId: string;
  caseNo: string;
  windowId: string;
  staffId: string | null;
  finishedAt: number;
  /** The earliest citizen rating of the 办件 (made time), null when it has none. */
  citizenRatedAt: number | null;
}

/** A default to store: the 办件's unit, window and staff, rated (made) at the due instant. */
export interface NewDefaultRating {
  id: string;
  unitId: string;
  caseNo: string;
  windowId: string;
  staffId: string | null;
  dueAt: number;
}

/** A default a citizen rating overtook, and that rating. */
export interface SupersededDefault {
  id: string;
  supersededBy: string;
  unitId: string;
  caseNumber: string;
}

/** Where a page of candidates starts: after this (finished_at, id); the first page starts before everything. */
export interface CandidateCursor {
  finishedAt: number;
  id: string;
}
export const FIRST_CANDIDATE_CURSOR: CandidateCursor = { finishedAt: -1, id: '' };

/** The default's record, its keys in the schema's order so its digest is the one canonical.ts gives a parsed record. */
export function defaultRatingRecord(d: NewDefaultRating): RatingRecord {
  return {
    id: d.id,
    v: RATING_SCHEMA_VERSION,
    level: DEFAULT_RATING_LEVEL,
    reasons: [],
    channel: 'DEFAULT',
    unitId: d.unitId,
    windowId: d.windowId,
    ...(d.staffId !== null ? { staffId: d.staffId } : {}),
    deviceId: SERVER_DEFAULT_DEVICE_ID,
    deviceTime: d.dueAt,
    locale: 'zh-CN',
    caseNumber: d.caseNo,
  };
}

/** The default as a ratings row: rated at the due instant (no clock offset), received when the job stores it. */
export function defaultRatingRow(d: NewDefaultRating, receivedAt: number, cipher: ContactCipher): RatingRow {
  const record = defaultRatingRecord(d);
  const batch = { deviceId: SERVER_DEFAULT_DEVICE_ID, receivedAt, clockOffsetMs: 0, items: [] };
  return toRatingRow(record, cipher.fingerprint(payloadHash(record)), batch, cipher);
}

export const DEFAULT_ROW_COLUMNS = RATING_COLUMNS;

/** SQL dialect bits: a parameter mark, and the collation that sorts ids in byte order (SQLite's own). */
export interface DefaultSqlDialect {
  mark: (n: number) => string;
  byteOrder: string;
}

/**
 * A counted citizen rating `c` of the 办件 (`unit`, `caseNo` are SQL expressions) made at or before `by` (or at any
 * time when `by` is null). The paper check is written out for alias c (sql-rules.ts COUNTED names the table).
 */
export function citizenRatingSql(unit: string, caseNo: string, by: string | null): string {
  return `FROM ratings c WHERE c.unit_id = ${unit} AND c.case_number = ${caseNo} AND c.channel <> 'DEFAULT'${by === null ? '' : ` AND c.rated_at <= ${by}`}
    AND (c.channel <> 'PAPER' OR EXISTS (SELECT 1 FROM paper_checks pc WHERE pc.rating_id = c.id))`;
}

const DAY_MS = 86_400_000;
/**
 * The end (23:59:59.999 China time) of the 5th calendar day after the finish date of `finishedAt`, in integer SQL
 * arithmetic (CST day number = (ms + 8 h) div day; the cast keeps a REAL parameter from dividing exactly). The
 * 5th working day after the finish date is never earlier, so a citizen rating made by then certainly wins: such a
 * 办件 is no candidate, on any calendar.
 */
export const surelyBeforeDueSql = (finishedAt: string) => `((CAST(${finishedAt} AS BIGINT) + ${CST_OFFSET_MS}) / ${DAY_MS} + 6) * ${DAY_MS} - ${CST_OFFSET_MS} - 1`;

/**
 * A page of candidates: finished before `$1`, after the cursor (`$2`, `$3`), no default yet (superseded ones
 * included: a 办件 gets one default, ever), no citizen rating made surely before the due; `$4` rows, in
 * (finished_at, id) order, along the partial index service_cases_finished.
 */
export function candidatesSql({ mark }: DefaultSqlDialect): string {
  return `SELECT s.id, s.unit_id, s.case_no, s.window_id, s.staff_id, s.finished_at,
      (SELECT MIN(c.rated_at) ${citizenRatingSql('s.unit_id', 's.case_no', null)}) AS citizen_rated_at
    FROM service_cases s
    WHERE s.status = 'FINISHED' AND s.finished_at < ${mark(1)} AND (s.finished_at, s.id) > (${mark(2)}, ${mark(3)})
      AND NOT EXISTS (SELECT 1 FROM ratings d WHERE d.unit_id = s.unit_id AND d.case_number = s.case_no AND d.channel = 'DEFAULT')
      AND NOT EXISTS (SELECT 1 ${citizenRatingSql('s.unit_id', 's.case_no', surelyBeforeDueSql('s.finished_at'))})
    ORDER BY s.finished_at, s.id
    LIMIT ${mark(4)}`;
}

export const candidateFromRow = (r: Record<string, any>): DefaultCandidate => ({
  serviceCaseId: r.id,
  unitId: r.unit_id,
  caseNo: r.case_no,
  windowId: r.window_id,
  staffId: r.staff_id,
  finishedAt: Number(r.finished_at),
  citizenRatedAt: r.citizen_rated_at === null ? null : Number(r.citizen_rated_at),
});

/**
 * Marks superseded the open defaults that have a citizen rating made at or before their own time, naming the
 * earliest such rating (made-time order, id breaking a tie, as service-case-assessments.ts orders them). `$1` is
 * the time of marking; `restrict` narrows it to some 办件 (the ingest hook). Returns the rows marked.
 */
export function supersedeSql({ byteOrder }: DefaultSqlDialect, at: string, restrict = ''): string {
  const citizen = citizenRatingSql('ratings.unit_id', 'ratings.case_number', 'ratings.rated_at');
  return `UPDATE ratings SET superseded_at = ${at},
      superseded_by = (SELECT c.id ${citizen} ORDER BY c.rated_at, c.id ${byteOrder} LIMIT 1)
    WHERE channel = 'DEFAULT' AND superseded_at IS NULL ${restrict}
      AND EXISTS (SELECT 1 ${citizen})
    RETURNING id, superseded_by, unit_id, case_number`;
}

export const supersededFromRow = (r: Record<string, any>): SupersededDefault => ({
  id: r.id,
  supersededBy: r.superseded_by,
  unitId: r.unit_id,
  caseNumber: r.case_number,
});

/** Whether a just-stored rating can overtake a default at once (an unchecked paper form cannot: the sweep sees its check). */
export const maySupersede = (row: Pick<RatingRow, 'case_number' | 'channel'>): boolean =>
  row.case_number !== null && row.channel !== 'DEFAULT' && row.channel !== 'PAPER';

/** The default 满意 of finished 办件: what the job (sync-server/defaults/default-job.ts) asks of a store. */
export interface DefaultRatingStore {
  /**
   * Finished 办件 finished before `finishedBefore` with no default yet and no citizen rating made surely before
   * their due (five calendar days after the finish date), after `after`, up to `limit`, in (finished_at, id) order.
   */
  listDefaultCandidates(finishedBefore: number, after: CandidateCursor, limit: number): Promise<DefaultCandidate[]>;
  /**
   * Stores each default unless its 办件 has a default already (the unique key ratings_one_default decides, also
   * against another instance) or a citizen rating made at or before `dueAt` (checked in the same statement).
   * Returns the ids stored. A default never opens a bad-review case.
   */
  insertDefaultRatings(items: readonly NewDefaultRating[], receivedAt: number): Promise<string[]>;
  /** The sweep: marks superseded, at `at`, every open default a citizen rating made by its due instant overtook. */
  supersedeDefaultRatings(at: number): Promise<SupersededDefault[]>;
}
