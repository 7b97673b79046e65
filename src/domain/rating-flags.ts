import * as z from 'zod/mini';
import type { Channel } from './channels';

/**
 * Anti-coercion flags (issue 14, "No pressure from staff"; DOMAIN.md: staff must invite a rating and must not press
 * it themselves). Pure functions that mark ratings for supervision to review; a flag never deletes or discounts a
 * rating by itself: supervision marks a flagged rating valid or invalid (audited), elsewhere.
 *
 * Every rule uses "within" with both ends included, so the edges are: a tap exactly 1.5 s after its invitation is
 * flagged; exactly N ratings in M minutes are not, N + 1 are.
 */

/** Every flag a rating can carry; the UI gives each a message later (codes only for now). */
export const RATING_FLAG_CODES = [
  /** Tapped within `fastTapMs` of its invitation: faster than a citizen reads the screen. */
  'FAST_TAP',
  /** One of more than `kioskBurst.maxCount` uninvited ratings from one kiosk within `kioskBurst.windowMinutes`. */
  'KIOSK_BURST',
  /** One of more than `windowQrBurst.maxCount` window-QR ratings for one window within `windowQrBurst.windowMinutes`. */
  'WINDOW_QR_BURST',
  /** Made on a device while the rated staff member was signed in on it. */
  'STAFF_SIGNED_IN',
] as const;
export type RatingFlagCode = (typeof RATING_FLAG_CODES)[number];

export interface BurstSetting {
  /** The most ratings allowed within the window; one more flags them all. */
  maxCount: number;
  windowMinutes: number;
}

export interface RatingFlagSettings {
  fastTapMs: number;
  kioskBurst: BurstSetting;
  windowQrBurst: BurstSetting;
}

/**
 * The defaults, and why:
 * - 1.5 s: the figure. Reading the service item and the five levels and choosing takes a citizen longer; a
 *   clerk who invites and taps at once does not.
 * - Kiosk, more than 5 uninvited ratings within 10 minutes: a window kiosk serves one window, and a window finishes
 *   one applicant in several minutes (rarely under 2), so 6 uninvited ratings in 10 minutes outrun any real queue,
 *   while a family of up to 5 rating one visit one after another stays unflagged. A clerk pressing 满意 himself
 *   does it far faster and is caught at once. (A flag costs a supervisor one look, so the bound can be tight.)
 * - Window QR, more than 5 within 10 minutes for one window: the same window pace; phones are already limited per
 *   browser and address, so a burst means many people told to scan at once, or one person with many phones.
 */
export const DEFAULT_RATING_FLAG_SETTINGS: Readonly<RatingFlagSettings> = Object.freeze({
  fastTapMs: 1500,
  kioskBurst: Object.freeze({ maxCount: 5, windowMinutes: 10 }),
  windowQrBurst: Object.freeze({ maxCount: 5, windowMinutes: 10 }),
});

const burstSettingSchema = z.strictObject({
  maxCount: z.int().check(z.minimum(1), z.maximum(10_000)),
  /** Up to a day: a longer span is a rate over a period, a question for the figures, not a burst. */
  windowMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
});

/** The settings as an administrator may set them (the server checks them with this before storing). */
export const RatingFlagSettingsSchema = z.strictObject({
  /** 0 flags only a tap at the invitation's own millisecond (the rule all but off); a minute is far past reading time. */
  fastTapMs: z.int().check(z.minimum(0), z.maximum(60_000)),
  kioskBurst: burstSettingSchema,
  windowQrBurst: burstSettingSchema,
});

/** What the rules read of a rating. */
export interface FlagRating {
  id: string;
  channel: Channel;
  deviceId: string;
  windowId: string;
  staffId?: string;
  /** The 办件 it rates; a QR rating without one came from the window QR. */
  caseNumber?: string;
  /** The invitation's time on the same clock as `deviceTime` (the device's own), when invited. */
  invitedAt?: number;
  /** The device's clock at the tap, uncorrected: compared with `invitedAt` only. */
  deviceTime: number;
  /** When it was made on the server's clock (device time corrected by the offset seen at sync). */
  ratedAt: number;
}

/**
 * A staff member signed in on a device: a staff session on a shared tablet, or the kiosk's staff panel unlocked
 * with their PIN. Not the kiosk's on-duty state, which credits its staff member on every rating by design. Times on
 * the server's clock; `to` absent while still signed in.
 */
export interface StaffSignIn {
  deviceId: string;
  staffId: string;
  from: number;
  to?: number;
}

export type RatingFlag =
  | { code: 'FAST_TAP'; elapsedMs: number; limitMs: number }
  | { code: 'KIOSK_BURST' | 'WINDOW_QR_BURST'; key: string; count: number; firstAt: number; lastAt: number; maxCount: number; windowMinutes: number }
  | { code: 'STAFF_SIGNED_IN'; staffId: string; deviceId: string; signedInFrom: number };

export interface FlaggedRating {
  id: string;
  flags: RatingFlag[];
}

/** Ratings made on a kiosk (a hall tablet or terminal), the only ones the kiosk burst rule counts. */
const KIOSK_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['HALL_TABLET', 'HALL_TERMINAL']);
/** Typed in by staff by design (the paper check guards them) or made by the server: never flagged as coerced. */
const STAFF_ENTERED_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['PAPER', 'DEFAULT']);

/** FAST_TAP: invited, and tapped no later than `limitMs` after the invitation (both on the device's clock). */
export function fastTapFlag(r: FlagRating, limitMs: number): RatingFlag | null {
  if (r.invitedAt === undefined) return null;
  const elapsedMs = r.deviceTime - r.invitedAt;
  return elapsedMs <= limitMs ? { code: 'FAST_TAP', elapsedMs, limitMs } : null;
}

/** STAFF_SIGNED_IN: the rated staff member was signed in on the rating's device at its time (ends included). */
export function staffSignedInFlag(r: FlagRating, signIns: readonly StaffSignIn[]): RatingFlag | null {
  if (r.staffId === undefined || STAFF_ENTERED_CHANNELS.has(r.channel)) return null;
  const hit = signIns.find((s) => s.deviceId === r.deviceId && s.staffId === r.staffId && s.from <= r.ratedAt && (s.to === undefined || r.ratedAt <= s.to));
  return hit ? { code: 'STAFF_SIGNED_IN', staffId: hit.staffId, deviceId: hit.deviceId, signedInFrom: hit.from } : null;
}

type BurstFlag = Extract<RatingFlag, { code: 'KIOSK_BURST' | 'WINDOW_QR_BURST' }>;

/**
 * Flags every rating of one group (one kiosk, one window's QR) that lies in some span of at most `windowMinutes`
 * holding more than `maxCount` of the group's ratings; each carries the densest such span it lies in. Sorted by
 * time, the span starting at rating i ends at the last j with t[j] − t[i] ≤ window; both ends only move forward, so
 * a sliding maximum over those spans gives each rating its densest one in O(n log n) overall, however long a burst.
 */
export function burstFlags(code: BurstFlag['code'], key: string, group: readonly FlagRating[], setting: BurstSetting): Map<string, BurstFlag> {
  const out = new Map<string, BurstFlag>();
  const sorted = [...group].sort((a, b) => a.ratedAt - b.ratedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = sorted.length;
  if (n <= setting.maxCount) return out;
  const windowMs = setting.windowMinutes * 60_000;
  const end: number[] = new Array<number>(n);
  for (let i = 0, j = 0; i < n; i++) {
    if (j < i) j = i;
    while (j + 1 < n && sorted[j + 1]!.ratedAt - sorted[i]!.ratedAt <= windowMs) j++;
    end[i] = j;
  }
  // Spans that have started (i ≤ k) and not ended (end[i] ≥ k), kept with counts decreasing: the front is the densest.
  // (`head` instead of shift(): the front moves forward only, so each span enters and leaves once.)
  const live: number[] = [];
  let head = 0;
  const spanCount = (i: number) => end[i]! - i + 1;
  for (let k = 0; k < n; k++) {
    while (live.length > head && spanCount(live[live.length - 1]!) <= spanCount(k)) live.pop();
    live.push(k);
    while (end[live[head]!]! < k) head++;
    const best = live[head]!;
    const bestCount = spanCount(best);
    if (bestCount > setting.maxCount) {
      out.set(sorted[k]!.id, {
        code, key, count: bestCount, firstAt: sorted[best]!.ratedAt, lastAt: sorted[end[best]!]!.ratedAt,
        maxCount: setting.maxCount, windowMinutes: setting.windowMinutes,
      });
    }
  }
  return out;
}

function groupBy(ratings: readonly FlagRating[], keyOf: (r: FlagRating) => string | null): Map<string, FlagRating[]> {
  const groups = new Map<string, FlagRating[]>();
  for (const r of ratings) {
    const key = keyOf(r);
    if (key === null) continue;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/**
 * Every flag of every rating given, in the order given (ratings without flags included, with an empty list). The
 * burst rules look only at the ratings passed in: give the ratings of the period under review (at least the burst
 * window either side of it), so a burst crossing its edge is seen whole.
 */
export function flagRatings(
  ratings: readonly FlagRating[],
  signIns: readonly StaffSignIn[] = [],
  settings: RatingFlagSettings = DEFAULT_RATING_FLAG_SETTINGS,
): FlaggedRating[] {
  const kiosk = groupBy(ratings, (r) => (KIOSK_CHANNELS.has(r.channel) && r.invitedAt === undefined ? r.deviceId : null));
  // One window QR per window: a QR rating that names no 办件 came from it.
  const windowQr = groupBy(ratings, (r) => (r.channel === 'QR' && r.caseNumber === undefined ? r.windowId : null));
  const bursts = new Map<string, BurstFlag>();
  for (const [key, group] of kiosk) for (const [id, f] of burstFlags('KIOSK_BURST', key, group, settings.kioskBurst)) bursts.set(id, f);
  for (const [key, group] of windowQr) for (const [id, f] of burstFlags('WINDOW_QR_BURST', key, group, settings.windowQrBurst)) bursts.set(id, f);
  // Sign-ins by device and person: a province's month has thousands of sign-ins and hundreds of thousands of
  // ratings, and each rating needs only its own device's and staff member's.
  const signInsOf = new Map<string, StaffSignIn[]>();
  for (const s of signIns) {
    const key = `${s.deviceId}\u0000${s.staffId}`;
    const list = signInsOf.get(key);
    if (list) list.push(s);
    else signInsOf.set(key, [s]);
  }

  return ratings.map((r) => {
    const flags: RatingFlag[] = [];
    const fast = fastTapFlag(r, settings.fastTapMs);
    if (fast) flags.push(fast);
    const burst = bursts.get(r.id);
    if (burst) flags.push(burst);
    const signedIn = r.staffId === undefined ? null : staffSignedInFlag(r, signInsOf.get(`${r.deviceId}\u0000${r.staffId}`) ?? []);
    if (signedIn) flags.push(signedIn);
    return { id: r.id, flags };
  });
}
