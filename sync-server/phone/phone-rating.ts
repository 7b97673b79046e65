import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../../src/domain/catalog';
import type { ErrorCode } from '../../src/domain/error-codes';
import { RatingRecordSchema, type RatingRecord } from '../../src/domain/rating';
import { RATING_SCHEMA_VERSION } from '../../src/domain/rating-limits';
import { PHONE_BROWSER_HEADER, PHONE_BROWSER_ID, type PhoneRatingRequest } from '../../src/domain/rating-link';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import { SignInLimiter } from '../auth/sign-in-limiter';
import { ClientError } from '../errors';
import { ingestRecords } from '../ingest';
import { notePhoneRatingBySignedInStaff } from '../rating-flags/phone-sign-in';
import type { CaseNotifier } from '../live/case-notifier';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { assessNewRating } from './link-state';
import type { ResolvedLink } from './phone-view';

export interface PhoneRatingOptions {
  now?: () => number;
  /** The 追评 period (days after assessment 1); default 30. */
  assessment?: AssessmentSettings;
  /** Window-QR ratings per browser id and per address, each per window link, in a sliding window. */
  windowQrLimits?: { perBrowser: { max: number; windowMs: number }; perAddress: { max: number; windowMs: number } };
}

/**
 * A browser (its localStorage id) rates a window a few times an hour at most: a citizen rates a visit, not every
 * minute. An address gets more: a hall's Wi-Fi puts many phones behind one address.
 */
export const DEFAULT_WINDOW_QR_LIMITS = { perBrowser: { max: 3, windowMs: 30 * 60_000 }, perAddress: { max: 20, windowMs: 10 * 60_000 } };

/** The rated person stays on the record only while they serve at the rated window (ingest.ts refuses it otherwise). */
function ratedStaff(catalog: Catalog, staffId: string | null, windowId: string): string | undefined {
  const s = staffId === null ? undefined : catalog.staff.find((x) => x.id === staffId);
  // A 办件 whose clerk has since moved or left still gets its rating: linked by its 办件编号, not to a person who
  // no longer works at that window (crediting them would open a 差评 case at the wrong window).
  return s && s.active && s.windowId === windowId && s.roles.some((r) => r === 'STAFF' || r === 'LEAD') ? s.id : undefined;
}

/** Absent rather than undefined: the record's digest (canonical.ts) and the stored row see the same keys. */
const withoutUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** One pseudo device per link: kiosk-style batches need a device id, and per-link bursts can be told apart. */
export const phoneDeviceId = (linkId: string) => `qr-${linkId}`;

export function phoneRatingHandler(store: Store, notifier: CaseNotifier, opts: PhoneRatingOptions = {}) {
  const now = opts.now ?? Date.now;
  const settings = opts.assessment ?? DEFAULT_ASSESSMENT_SETTINGS;
  const limits = opts.windowQrLimits ?? DEFAULT_WINDOW_QR_LIMITS;
  const perAddress = new SignInLimiter(store, 'phone-qr-address', limits.perAddress.max, limits.perAddress.windowMs);
  const perBrowser = new SignInLimiter(store, 'phone-qr-browser', limits.perBrowser.max, limits.perBrowser.windowMs);

  async function limitWindowQr(request: FastifyRequest, reply: FastifyReply, linkId: string) {
    const browser = request.headers[PHONE_BROWSER_HEADER];
    if (typeof browser !== 'string' || !PHONE_BROWSER_ID.test(browser)) {
      throw new ClientError(400, 'VALIDATION_FAILED', `header ${PHONE_BROWSER_HEADER}: a window QR rating names its browser (16–64 of A-Z a-z 0-9 _ -)`);
    }
    const at = now();
    // The browser's limit is read first and counted last, so an attempt the address refuses does not use up the
    // browser's; the address's is checked and counted in one step (parallel stuffing cannot slip through together).
    const browserKey = `${linkId}:${browser}`;
    const wait = (await perBrowser.waitFor(browserKey, at)) || (await perAddress.take(`${linkId}:${request.ip}`, at)) || (await perBrowser.take(browserKey, at));
    if (wait > 0) {
      reply.header('retry-after', Math.max(1, Math.ceil(wait / 1000)));
      throw new ClientError(429, 'RATE_LIMITED', 'too many ratings of this window from here; wait as Retry-After says');
    }
  }

  return async function takeRating(request: FastifyRequest, reply: FastifyReply, resolved: ResolvedLink, input: PhoneRatingRequest) {
    const receivedAt = now();
    if (input.madeAt > input.sentAt) throw new ClientError(400, 'VALIDATION_FAILED', 'body.madeAt: after sentAt');
    const { link, serviceCase, catalog } = resolved;
    let assessmentNo: number | undefined;
    if (serviceCase) {
      const rows = await store.listServiceCaseRatings(serviceCase.unitId, serviceCase.caseNo);
      const earlier = rows.find((r) => r.id === input.id);
      if (earlier) {
        // A resend after a lost answer: the record as first built, so the store answers 'duplicate'.
        assessmentNo = earlier.assessmentNo ?? undefined;
      } else {
        const verdict = assessNewRating(rows, { id: input.id, ratedAt: input.madeAt + (receivedAt - input.sentAt) }, settings);
        if ('refused' in verdict) throw new ClientError(409, 'RATING_LINK_CLOSED', `this 办件 takes no further rating (${verdict.refused})`);
        assessmentNo = verdict.assessmentNo;
      }
    } else if (!(await store.getRating(input.id))) {
      await limitWindowQr(request, reply, link.id);
    }
    const record: RatingRecord = parseOr400(RatingRecordSchema, withoutUndefined({
      id: input.id,
      v: RATING_SCHEMA_VERSION,
      level: input.level,
      reasons: input.reasons,
      otherReason: input.otherReason,
      comment: input.comment,
      // Only when given: a private comment's record is the one made before the question existed (canonical.ts).
      publishComment: input.publishComment ? true : undefined,
      contact: input.contact && Object.keys(input.contact).length > 0 ? input.contact : undefined,
      channel: 'QR',
      unitId: resolved.unitId,
      windowId: resolved.windowId,
      staffId: serviceCase ? ratedStaff(catalog, serviceCase.staffId, resolved.windowId) : undefined,
      deviceId: phoneDeviceId(link.id),
      deviceTime: input.madeAt,
      locale: input.locale,
      caseNumber: serviceCase?.caseNo,
      assessmentNo,
    }));
    const [outcome] = await ingestRecords(store, [record], { deviceId: record.deviceId, sentAt: input.sentAt, receivedAt }, { notifier });
    if (outcome.status === 'accepted' || outcome.status === 'duplicate') {
      // The rated clerk's own session in this browser: a rating made where they are signed in (STAFF_SIGNED_IN).
      if (outcome.status === 'accepted') await notePhoneRatingBySignedInStaff(store, request, { staffId: record.staffId, deviceId: record.deviceId, ratedAt: receivedAt - input.sentAt + input.madeAt });
      return { status: outcome.status === 'accepted' ? ('stored' as const) : ('duplicate' as const), assessmentNo: assessmentNo ?? 1 };
    }
    const error = outcome.error!;
    // The catalogue refused it (a reason retired and gone, the window's unit changed): coded, never a 500.
    throw new ClientError(409, error.code as ErrorCode, error.message);
  };
}
