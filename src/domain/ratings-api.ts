import type { Channel } from './channels';
import type { Contact } from './contact';
import type { LevelKey } from './levels';
import type { LocalizedText } from './locales';
import type { Reason } from './reasons';

export const RATINGS_PATH = '/api/v1/ratings';
export const AUDIT_PATH = '/api/v1/audit';
export const revealContactPath = (ratingId: string) => `${RATINGS_PATH}/${ratingId}/contact`;

/** What a logged reveal answers: the contact, and the full comment when lists show it with numbers masked. */
export interface ContactReveal {
  id: string;
  contact: Contact;
  comment?: string;
}

/** Contact as every list shows it: masked. The full text needs a logged reveal. */
export interface MaskedContact {
  name?: string;
  phone?: string;
  company?: string;
}

export interface RatingListItem {
  id: string;
  level: LevelKey;
  reasons: string[];
  otherReason?: string;
  comment?: string;
  channel: Channel;
  unitId: string;
  windowId: string;
  staffId?: string;
  ratedAt: number;
  receivedAt: number;
  contact: MaskedContact | null;
  /** Whether this user may reveal the contact (and so call back). */
  canReveal: boolean;
  /** Typed in from Attachment 1; its photo is seen through a logged reveal too. */
  paper?: { serviceItemId: string; serviceDate: string; hasPhoto: boolean; canSeePhoto: boolean };
  /** Supervision's mark on a flagged rating (rating-review.ts): an INVALID one is kept but left out of the figures. */
  review?: RatingReview;
}

export const REVIEW_VERDICTS = ['VALID', 'INVALID'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export interface RatingReview {
  ratingId: string;
  verdict: ReviewVerdict;
  note: string | null;
  by: string;
  byName?: string;
  at: number;
}

/** Names the list refers to, so it reads in any language without a second request. */
export interface RatingListRefs {
  reasons: Reason[];
  windows: { id: string; number: string; name: LocalizedText }[];
  staff: { id: string; name: string; employeeNo: string }[];
}

export interface RatingListResponse {
  items: RatingListItem[];
  refs: RatingListRefs;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: number | null;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}
