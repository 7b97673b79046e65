import type { LevelKey } from './levels';
import type { MaskedContact } from './ratings-api';
import type { Actor } from './roles';

/**
 * Who may type in a paper form, and who may confirm that it matches the paper (复核). Shared by the form, which
 * offers only what is allowed, and the server, which refuses the rest with these codes.
 *
 * A form counts (lists, figures, exports, its bad-review case) only once a second person of the same window has
 * confirmed it from their own session: the typist alone can neither invent a rating for a colleague of another
 * window nor a good one for themselves.
 */
export const PAPER_CHECK_PATHS = {
  /** GET: forms waiting for this person's check, and this person's own forms still waiting for one. */
  list: '/api/v1/forms/checks',
} as const;
/** POST: the checker confirms the typed form matches the paper. */
export const paperCheckConfirmPath = (ratingId: string) => `/api/v1/forms/checks/${ratingId}/confirm`;

export const PAPER_REFUSALS = {
  /** The form is for another window than the typist's own. */
  notYourWindow: 'NOT_YOUR_WINDOW',
  /** The typist names themselves as the staff member rated. */
  ratesSelf: 'RATES_SELF',
  /** The checker typed the form in. */
  checkerIsTypist: 'CHECKER_IS_TYPIST',
  /** The checker is the staff member the form rates. */
  checkerIsRated: 'CHECKER_IS_RATED',
  alreadyChecked: 'ALREADY_CHECKED',
} as const;
export type PaperRefusal = (typeof PAPER_REFUSALS)[keyof typeof PAPER_REFUSALS];

type Who = Pick<Actor, 'id' | 'windowId'>;

/** A clerk (or lead) types forms for their own window only, and never one that rates themselves. */
export function paperEntryRefusal(actor: Who, form: { windowId: string; staffId?: string | null }): PaperRefusal | null {
  if (!actor.windowId || form.windowId !== actor.windowId) return PAPER_REFUSALS.notYourWindow;
  if (form.staffId === actor.id) return PAPER_REFUSALS.ratesSelf;
  return null;
}

/** The checker: someone of the form's window (its lead or another clerk), never the typist nor the person rated. */
export function paperCheckRefusal(actor: Who, form: { windowId: string; staffId?: string | null; enteredBy: string }): PaperRefusal | null {
  if (!actor.windowId || form.windowId !== actor.windowId) return PAPER_REFUSALS.notYourWindow;
  if (form.enteredBy === actor.id) return PAPER_REFUSALS.checkerIsTypist;
  if (form.staffId === actor.id) return PAPER_REFUSALS.checkerIsRated;
  return null;
}

/** A typed-in form waiting for its check, as the checker compares it with the paper (contact masked). */
export interface PaperCheckItem {
  id: string;
  caseNumber: string | null;
  serviceItemId: string;
  serviceDate: string;
  windowId: string;
  staffId: string | null;
  level: LevelKey;
  reasons: string[];
  otherReason: string | null;
  comment: string | null;
  contact: MaskedContact | null;
  enteredBy: string;
  hasPhoto: boolean;
  receivedAt: number;
}

export interface PaperChecksResponse {
  /** Forms of this person's window they may confirm. */
  toCheck: PaperCheckItem[];
  /** Forms this person typed in that still wait for someone's check. */
  mine: PaperCheckItem[];
  /** Names for the ids above. */
  staff: { id: string; name: string; employeeNo: string }[];
}

export interface PaperCheckConfirmation {
  id: string;
  checkedBy: string;
  checkedAt: number;
}
