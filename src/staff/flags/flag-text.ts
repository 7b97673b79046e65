import type { TFunction } from 'i18next';
import type { RatingFlag } from '../../domain/rating-flags';
import { formatCstMinute } from '../../domain/time';

/** Seconds with one decimal, as a reviewer reads them ("0.8"). */
export const seconds = (ms: number) => (Math.round(ms / 100) / 10).toFixed(1);

/** Why a rating is flagged, in the reader's language, with the figures that made it so. */
export function flagText(t: TFunction, flag: RatingFlag): string {
  switch (flag.code) {
    case 'FAST_TAP':
      return t('flags.FAST_TAP', { seconds: seconds(flag.elapsedMs), limit: seconds(flag.limitMs) });
    case 'KIOSK_BURST':
    case 'WINDOW_QR_BURST':
      return t(`flags.${flag.code}`, { count: flag.count, minutes: flag.windowMinutes, max: flag.maxCount });
    case 'STAFF_SIGNED_IN':
      return t('flags.STAFF_SIGNED_IN', { time: formatCstMinute(flag.signedInFrom) });
  }
}
