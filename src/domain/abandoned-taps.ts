import * as z from 'zod/mini';
import { PUSH_ABANDONED_TAPS_PATH } from './sync-constants';
import { CatalogIdSchema, UuidV7Schema } from './base-schemas';
import type { RatingScope, Actor } from './roles';
import { cstDate } from './time';

/**
 * A bad level tapped at the kiosk and then left at the reason screen (the idle countdown ran out, or 返回 discarded
 * it). It is not a rating (it has no reason) but a signal, counted per window and month. It carries nothing of
 * the citizen: no level, no reason, no text, no time finer than the month. The id only makes the count exactly-once.
 */
export const AbandonedTapSchema = z.strictObject({
  id: UuidV7Schema,
  windowId: CatalogIdSchema,
  /** The month in China, "YYYY-MM". */
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM')),
});
export type AbandonedTap = z.infer<typeof AbandonedTapSchema>;

export const ABANDONED_TAP_PATHS = {
  /** Kiosks push with their device credential, in the shared batch envelope. */
  push: PUSH_ABANDONED_TAPS_PATH,
  /** Counts for leads (their window) and supervision (all windows). */
  counts: '/api/v1/cases/abandoned-taps',
} as const;

export interface AbandonedTapCount {
  windowId: string;
  month: string;
  count: number;
}

export interface AbandonedTapCountsResponse {
  counts: AbandonedTapCount[];
  windows: { id: string; number: string }[];
}

/** The month in China of an instant, "YYYY-MM". */
export function cstMonth(ms: number): string {
  return cstDate(ms).slice(0, 7);
}

/**
 * Who sees the counts: supervision all windows, a lead their own window; never window staff (a count about
 * their own window's citizens walking away is for those who oversee them), nor the office or personnel.
 */
export function abandonedTapScope(actor: Pick<Actor, 'roles' | 'windowId'>): Exclude<RatingScope, { kind: 'staff' }> | null {
  if (actor.roles.includes('SUPERVISION')) return { kind: 'all' };
  if (actor.roles.includes('LEAD') && actor.windowId) return { kind: 'window', windowId: actor.windowId };
  return null;
}
