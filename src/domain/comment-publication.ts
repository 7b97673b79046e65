import * as z from 'zod/mini';
import { ChannelSchema, LevelKeySchema, LocalizedTextSchema, ReasonSchema, UuidV7Schema } from './base-schemas';
import { LEVELS } from './levels';
import { hasPermission, type Actor } from './roles';

/**
 * Approval of comments for /public (issue 16). A bad rating's comment is published only when the evaluator allowed
 * it (publishComment, asked on the kiosk and the phone page, default private), its unit has disclosure on, and a
 * lead (their own window) or the office (every unit) approved the scrubbed text (public-scrub.ts). The text kept is
 * the server's own scrub at the moment of approval, never text from the client; a declined comment keeps none. An
 * approved one can be withdrawn (APPROVED → DECLINED); a declined one stays declined.
 */
export const COMMENT_PUBLICATION_PATHS = {
  /** GET: the comments waiting for a decision, and the decided ones, in the person's scope. */
  list: '/api/v1/comment-publications',
  /** POST {verdict}: approve, decline, or withdraw (DECLINED on an approved one). */
  decide: '/api/v1/comment-publications/:id',
} as const;

export const PUBLICATION_VERDICTS = ['APPROVED', 'DECLINED'] as const;
export type PublicationVerdict = (typeof PUBLICATION_VERDICTS)[number];

/** The level keys whose comments may be published: bad reviews only (the "published bad review"). */
export const PUBLISHABLE_LEVELS = LEVELS.filter((l) => l.isBad).map((l) => l.key);

/** The most items of each list one answer carries (newest first). */
export const PUBLICATION_LIST_LIMIT = 200;

export type PublicationScope = { kind: 'all' } | { kind: 'window'; windowId: string };

/** Whose comments a person decides: the office every unit's, a lead their own window's; nobody else any. */
export function publicationScope(actor: Actor): PublicationScope | null {
  if (!hasPermission(actor, 'comments.publish')) return null;
  if (actor.roles.includes('OFFICE')) return { kind: 'all' };
  if (actor.roles.includes('LEAD') && actor.windowId) return { kind: 'window', windowId: actor.windowId };
  return null;
}

/** Whether a waiting rating, in these terms, may be decided by the person (the server's and the tests' one rule). */
export function inPublicationScope(scope: PublicationScope, rating: { windowId: string }): boolean {
  return scope.kind === 'all' || scope.windowId === rating.windowId;
}

/**
 * Whether this person decides this comment: in their scope, and never a review of themselves (a lead rated badly
 * would otherwise choose whether their own bad review is published; the office or another lead decides it).
 */
export function mayDecidePublication(person: { id: string }, scope: PublicationScope, rating: { windowId: string; staffId?: string | null }): boolean {
  return inPublicationScope(scope, rating) && rating.staffId !== person.id;
}

export const PublicationDecisionSchema = z.looseObject({
  verdict: z.enum(PUBLICATION_VERDICTS),
  /** The scrubbed text as published; null for a declined comment (no text kept). */
  scrubbedText: z.nullable(z.string()),
  by: z.string(),
  byName: z.nullable(z.string()),
  at: z.number(),
});
export type PublicationDecision = z.infer<typeof PublicationDecisionSchema>;

export const PublicationItemSchema = z.looseObject({
  ratingId: UuidV7Schema,
  unitId: z.string(),
  windowId: z.string(),
  staffId: z.nullable(z.string()),
  level: LevelKeySchema,
  reasons: z.array(z.string()),
  channel: ChannelSchema,
  ratedAt: z.number(),
  /**
   * What /public would show: the comment scrubbed now (waiting), the text as approved (approved), or null
   * (declined: nothing kept). Never the comment itself.
   */
  preview: z.nullable(z.string()),
  decision: z.nullable(PublicationDecisionSchema),
});
export type PublicationItem = z.infer<typeof PublicationItemSchema>;

export const PublicationListSchema = z.looseObject({
  waiting: z.array(PublicationItemSchema),
  decided: z.array(PublicationItemSchema),
  refs: z.looseObject({
    reasons: z.array(ReasonSchema),
    windows: z.array(z.looseObject({ id: z.string(), number: z.string(), name: LocalizedTextSchema })),
  }),
});
export type PublicationList = z.infer<typeof PublicationListSchema>;

export const PublicationDecideRequestSchema = z.strictObject({ verdict: z.enum(PUBLICATION_VERDICTS) });
export type PublicationDecideRequest = z.infer<typeof PublicationDecideRequestSchema>;

export const PublicationDecideResponseSchema = z.looseObject({ ratingId: UuidV7Schema, decision: PublicationDecisionSchema });
