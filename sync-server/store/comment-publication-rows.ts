import type { Contact } from '../../src/domain/contact';
import { PUBLISHABLE_LEVELS, type PublicationScope, type PublicationVerdict } from '../../src/domain/comment-publication';
import type { ContactCipher } from '../crypto/contact-cipher';
import { fromRatingRow, type RatingRow } from './rating-row';
import type { StoredRating } from './store';

/** A lead's or the office's decision on a comment (table comment_publications, migration 023 / PostgreSQL 011). */
export interface StoredPublication {
  ratingId: string;
  verdict: PublicationVerdict;
  /** As approved, already scrubbed for /public; null when declined (nothing kept). */
  scrubbedText: string | null;
  by: string;
  at: number;
}

/**
 * A rating's comment as the approval needs it, decrypted on the server: the comment and the evaluator's contact
 * are for the scrub (public-scrub.ts) only and never leave the server.
 */
export interface CommentForPublication {
  rating: StoredRating;
  comment: string;
  contact: Contact | null;
  /** The evaluator allowed publication (ratings.publish_consent). */
  consent: boolean;
  /** The rating's unit has disclosure on (units.disclosure). */
  disclosure: boolean;
  decision: StoredPublication | null;
}

export type PublicationListState = 'waiting' | 'decided';

export interface CommentPublicationStore {
  /**
   * Waiting: bad ratings with a comment the evaluator allowed to publish, of units with disclosure on, undecided,
   * newest first. Decided: those with a decision (whatever the unit's switch is now), latest decision first.
   */
  listCommentsForPublication(scope: PublicationScope, state: PublicationListState, limit: number): Promise<CommentForPublication[]>;
  /** One rating with a comment (whatever its consent, level or unit), or null: no such rating, or no comment. */
  getCommentForPublication(ratingId: string): Promise<CommentForPublication | null>;
  /**
   * Writes the decision only if the rating's current one is `expected` (null: none yet), in one statement; false
   * when another decision came first (two approvers at once: one wins, the other is told).
   */
  putCommentPublication(decision: StoredPublication, expected: PublicationVerdict | null): Promise<boolean>;
}

/** A row of the shared SELECT: the rating's columns and the unit's switch, and the decision's columns. */
export interface PublicationRow extends RatingRow {
  unit_disclosure: number;
  pub_verdict: PublicationVerdict | null;
  pub_text: string | null;
  pub_by: string | null;
  pub_at: number | null;
}

const COLUMNS = 'r.*, u.disclosure AS unit_disclosure, p.verdict AS pub_verdict, p.scrubbed_text AS pub_text, p.by_staff AS pub_by, p.at AS pub_at';
const SELECT = `SELECT ${COLUMNS}
  FROM ratings r
  JOIN units u ON u.id = r.unit_id
  LEFT JOIN comment_publications p ON p.rating_id = r.id`;
// The decided ones are read from the decisions: a few rows, each rating found by its key, never a scan of the ratings.
// CROSS JOIN keeps that order in SQLite (PostgreSQL plans it freely, and picks the same).
const DECIDED = `SELECT ${COLUMNS}
  FROM comment_publications p
  CROSS JOIN ratings r
  JOIN units u ON u.id = r.unit_id`;

const BAD_LEVELS = PUBLISHABLE_LEVELS.map((l) => `'${l}'`).join(', ');

/** The list's SQL for both stores; `mark(n)` gives the store's parameter mark. Parameters: [windowId?], limit. */
export function publicationListSql(scope: PublicationScope, state: PublicationListState, mark: (n: number) => string): string {
  const where = [`r.publish_consent = 1`, `r.comment_enc IS NOT NULL`, `r.level IN (${BAD_LEVELS})`];
  if (state === 'waiting') where.push('u.disclosure = 1', 'p.rating_id IS NULL');
  else where.push('r.id = p.rating_id');
  let n = 0;
  if (scope.kind === 'window') where.push(`r.window_id = ${mark(++n)}`);
  // Waiting: newest ratings first, by the partial indexes on consent (migration 025 / PG 013:
  // ratings_publish_waiting, _window), so only consenting ratings are read; see bench/comment-publications.ts.
  if (state === 'waiting') return `${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.rated_at DESC, r.id LIMIT ${mark(++n)}`;
  return `${DECIDED} WHERE ${where.join(' AND ')} ORDER BY p.at DESC, r.id LIMIT ${mark(++n)}`;
}

export const publicationListParams = (scope: PublicationScope, limit: number): unknown[] => (scope.kind === 'window' ? [scope.windowId, limit] : [limit]);

export const publicationOneSql = (mark: (n: number) => string) => `${SELECT} WHERE r.id = ${mark(1)} AND r.comment_enc IS NOT NULL`;

/**
 * The conditional write: a first decision only where none exists; a change (withdrawal) only over the decision the
 * caller read. RETURNING says whether it was written (SQLite ≥ 3.35 and PostgreSQL alike).
 */
export function putPublicationSql(expected: PublicationVerdict | null, mark: (n: number) => string): string {
  const insert = `INSERT INTO comment_publications (rating_id, verdict, scrubbed_text, by_staff, at) VALUES (${[1, 2, 3, 4, 5].map(mark).join(', ')})`;
  if (expected === null) return `${insert} ON CONFLICT (rating_id) DO NOTHING RETURNING rating_id`;
  return `${insert} ON CONFLICT (rating_id) DO UPDATE SET verdict = excluded.verdict, scrubbed_text = excluded.scrubbed_text,
    by_staff = excluded.by_staff, at = excluded.at WHERE comment_publications.verdict = ${mark(6)} RETURNING rating_id`;
}

export const putPublicationParams = (d: StoredPublication, expected: PublicationVerdict | null): unknown[] => {
  const base = [d.ratingId, d.verdict, d.scrubbedText, d.by, d.at];
  return expected === null ? base : [...base, expected];
};

export function publicationFromRow(row: PublicationRow, cipher: ContactCipher): CommentForPublication {
  return {
    rating: fromRatingRow(row),
    comment: cipher.decryptText(row.comment_enc!),
    contact: row.contact_enc ? cipher.decrypt(row.contact_enc) : null,
    consent: Number(row.publish_consent) === 1,
    disclosure: Number(row.unit_disclosure) === 1,
    decision:
      row.pub_verdict === null
        ? null
        : { ratingId: row.id, verdict: row.pub_verdict, scrubbedText: row.pub_text, by: row.pub_by!, at: Number(row.pub_at) },
  };
}
