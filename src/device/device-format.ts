import type { TFunction } from 'i18next';
import { CST_OFFSET_MS } from '../domain/time';

/**
 * How /device writes an instant for staff: the full date and the time to the second, in China time whatever
 * the tablet's own zone, and saying so ("2026-01-06 00:04:09（北京时间）").
 */
export function formatCstFull(ms: number, t: TFunction): string {
  const time = new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
  return t('device.cstTime', { time });
}

/**
 * The sync engine keeps the offset as server time minus device time, so a positive offset is a clock that is
 * behind. Staff need the direction and an amount they can set a clock by, not "-90.0 s".
 */
export function describeClockOffset(offsetMs: number, t: TFunction): string {
  const total = Math.round(Math.abs(offsetMs) / 1000);
  if (total === 0) return t('device.clockRight');
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(t('device.hours', { count: hours }));
  if (minutes) parts.push(t('device.minutes', { count: minutes }));
  if (seconds) parts.push(t('device.seconds', { count: seconds }));
  return t(offsetMs > 0 ? 'device.clockSlow' : 'device.clockFast', { amount: parts.join(' ') });
}
