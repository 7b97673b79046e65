/**
 * The five levels of the notice, best first. Records store the key, never a number: the national interface
 * numbers satisfaction 5..1 while GB/T 39046 codes it 1..5, so numbers appear only at export.
 */
export const LEVEL_KEYS = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

export interface LevelInfo {
  key: LevelKey;
  stars: 1 | 2 | 3 | 4 | 5;
  isBad: boolean;
}

export const LEVELS: readonly LevelInfo[] = [
  { key: 'VERY_SATISFIED', stars: 5, isBad: false },
  { key: 'SATISFIED', stars: 4, isBad: false },
  { key: 'BASICALLY_SATISFIED', stars: 3, isBad: false },
  { key: 'DISSATISFIED', stars: 2, isBad: true },
  { key: 'VERY_DISSATISFIED', stars: 1, isBad: true },
];

export function isBadLevel(level: LevelKey): boolean {
  return level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';
}

/** National interface (国办发〔2019〕51号): 5 = 非常满意 … 1 = 非常不满意. */
export function nationalSatisfactionCode(level: LevelKey): number {
  return 5 - LEVEL_KEYS.indexOf(level);
}

/** GB/T 39046: 1 = 非常满意 … 5 = 非常不满意. */
export function gbtSatisfactionCode(level: LevelKey): number {
  return LEVEL_KEYS.indexOf(level) + 1;
}
