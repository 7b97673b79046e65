/** China Standard Time has no daylight saving: a fixed UTC+8, whatever the device's own zone. */
export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 1764236400000 → "2025-11-27T17:40:00.000+08:00". */
export function formatCstIso(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The calendar date in China for an instant, "YYYY-MM-DD". */
export function cstDate(ms: number): string {
  return formatCstIso(ms).slice(0, 10);
}

/** "2025-11-27 17:40": an instant in China, to the minute, as lists and cards show it. */
export function formatCstMinute(ms: number): string {
  return formatCstIso(ms).slice(0, 16).replace('T', ' ');
}
