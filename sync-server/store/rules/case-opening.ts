import { isBadLevel } from '../../../src/domain/levels';
import type { RatingRecord } from '../../../src/domain/rating';
import type { CaseOpening, StoredRating } from '../store';

/*
 * Which ratings open a bad-review case, and whether that case is anonymous: business rules, decided here and
 * handed to the store as plain data, so every adapter (SQLite today, PostgreSQL next) only writes what it is told.
 */

/** Anonymous when the evaluator left no phone: nobody can be called back, so the case skips the call and reply. */
const anonymousOf = (contact: { phone?: string } | null | undefined): boolean => !contact?.phone;

/**
 * A rating as it arrives: a bad review opens its case in the same transaction (none can exist without one). A
 * paper form does not: it opens its case when a second person checks it, since until then it does not count.
 */
export function caseOnArrival(record: RatingRecord): CaseOpening | null {
  if (!isBadLevel(record.level) || record.channel === 'PAPER') return null;
  return { anonymous: anonymousOf(record.contact) };
}

/**
 * A paper form at its check (复核): a bad one opens its case now, its deadlines running from the check. The form
 * as stored carries the masked contact, whose phone is there exactly when the evaluator gave one.
 */
export function caseOnPaperCheck(form: Pick<StoredRating, 'level' | 'contact'>): CaseOpening | null {
  if (!isBadLevel(form.level)) return null;
  return { anonymous: anonymousOf(form.contact) };
}
