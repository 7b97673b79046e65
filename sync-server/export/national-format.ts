import * as z from 'zod/mini';
import { CHANNELS, DEFAULT_NATIONAL_CHANNEL_CODES, type Channel } from '../../src/domain/channels';
import { gbtSatisfactionCode, LEVEL_KEYS, nationalSatisfactionCode, type LevelKey } from '../../src/domain/levels';
import { scrubText } from '../../src/domain/scrub';
import { CST_OFFSET_MS } from '../../src/domain/time';
import type { StoredRating } from '../store/store';

/**
 * The layouts the national and provincial platforms take (issue 15), one row per rating that counts:
 * - gbt39046: GB/T 39046 columns with Chinese headers, satisfaction coded 1 = 非常满意 … 5 = 非常不满意;
 * - province: the provincial interface (国办发〔2019〕51号 data items), satisfaction the other way round
 *   (1 = 非常不满意 … 5 = 非常满意), `pf` channel codes and `assessNumber`.
 * Provinces differ in their codes, so channel and level codes come from export settings over these defaults.
 * No layout has a field for the evaluator: contact never leaves through them, and free text is scrubbed again.
 */

export const NATIONAL_LAYOUTS = ['gbt39046', 'province'] as const;
export type NationalLayout = (typeof NATIONAL_LAYOUTS)[number];

/** The names of the notice, as the national platform spells them. */
export const LEVEL_NAMES_ZH: Readonly<Record<LevelKey, string>> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

const code = z.int().check(z.minimum(0), z.maximum(99));
const levelCodes = z.partialRecord(z.enum(LEVEL_KEYS), code);

/** What an export settings file (--settings FILE or HCP_EXPORT_SETTINGS) may hold; anything left out keeps its default. */
export const ExportSettingsSchema = z.strictObject({
  channelCodes: z.optional(z.partialRecord(z.enum(CHANNELS), code)),
  levelCodes: z.optional(z.strictObject({ gbt39046: z.optional(levelCodes), province: z.optional(levelCodes) })),
});
export type ExportSettingsInput = z.infer<typeof ExportSettingsSchema>;

export interface NationalSettings {
  channelCodes: Record<Channel, number>;
  levelCodes: Record<NationalLayout, Record<LevelKey, number>>;
}

const byLevel = (f: (l: LevelKey) => number) => Object.fromEntries(LEVEL_KEYS.map((l) => [l, f(l)])) as Record<LevelKey, number>;

/** The settings in force: the defaults (levels.ts, channels.ts) with the file's values over them. */
export function nationalSettings(input: ExportSettingsInput = {}): NationalSettings {
  const settings: NationalSettings = {
    channelCodes: { ...DEFAULT_NATIONAL_CHANNEL_CODES, ...input.channelCodes },
    levelCodes: {
      gbt39046: { ...byLevel(gbtSatisfactionCode), ...input.levelCodes?.gbt39046 },
      province: { ...byLevel(nationalSatisfactionCode), ...input.levelCodes?.province },
    },
  };
  // Two levels under one code would merge on the platform without anyone noticing: refuse the settings instead.
  for (const layout of NATIONAL_LAYOUTS) {
    const codes = Object.values(settings.levelCodes[layout]);
    if (new Set(codes).size !== codes.length) throw new Error(`export settings: levelCodes.${layout} gives two levels the same code`);
  }
  return settings;
}

/** 1764236400000 → "20251127T174000": the instant in China Standard Time, as GB/T 39046 writes it. */
export function formatNationalTime(ms: number): string {
  const iso = new Date(ms + CST_OFFSET_MS).toISOString(); // "2025-11-27T17:40:00.000Z", read as China's wall clock
  return iso.slice(0, 19).replace(/[-:]/g, '');
}

/** One rating with what the export decided about it beside the stored record. */
export interface NationalRowInput {
  rating: StoredRating;
  /** Decided over the 办件's ratings (service-case-assessments.ts); 1 for a rating without 办件. */
  assessmentNo: 1 | 2;
  /** The unit's 行政区划代码, or null while the administrator has not set it. */
  divisionCode: string | null;
}

export interface NationalColumn {
  header: string;
  value: (row: NationalRowInput, settings: NationalSettings) => string | number;
}

/** The stored comment is the scrubbed copy already; scrubbing again costs little and guards an older row. */
const writtenAssessment = (r: StoredRating) => (r.comment ? scrubText(r.comment) : '');

const COMMON = {
  caseNumber: (x: NationalRowInput) => x.rating.caseNumber ?? '',
  channel: (x: NationalRowInput, s: NationalSettings) => s.channelCodes[x.rating.channel],
  time: (x: NationalRowInput) => formatNationalTime(x.rating.ratedAt),
  division: (x: NationalRowInput) => x.divisionCode ?? '',
};

export const NATIONAL_COLUMNS: Readonly<Record<NationalLayout, readonly NationalColumn[]>> = {
  gbt39046: [
    { header: '办件编号', value: COMMON.caseNumber },
    { header: '评价渠道', value: COMMON.channel },
    { header: '评价时间', value: COMMON.time },
    { header: '评价次数', value: (x) => x.assessmentNo },
    { header: '满意度', value: (x) => LEVEL_NAMES_ZH[x.rating.level] },
    { header: '满意度代码', value: (x, s) => s.levelCodes.gbt39046[x.rating.level] },
    { header: '文字评价', value: (x) => writtenAssessment(x.rating) },
    { header: '行政区划', value: COMMON.division },
  ],
  // Field names of the provincial interface's data items.
  province: [
    { header: 'projectNo', value: COMMON.caseNumber },
    { header: 'pf', value: COMMON.channel },
    { header: 'assessTime', value: COMMON.time },
    { header: 'assessNumber', value: (x) => x.assessmentNo },
    { header: 'satisfaction', value: (x, s) => s.levelCodes.province[x.rating.level] },
    { header: 'satisfactionName', value: (x) => LEVEL_NAMES_ZH[x.rating.level] },
    { header: 'writingAssess', value: (x) => writtenAssessment(x.rating) },
    { header: 'areaCode', value: COMMON.division },
  ],
};

/** The row's cells in the layout's column order. */
export function nationalCells(layout: NationalLayout, row: NationalRowInput, settings: NationalSettings): (string | number)[] {
  return NATIONAL_COLUMNS[layout].map((c) => c.value(row, settings));
}

/** The province's interface takes JSON objects: one per line, keyed by field name. */
export function provinceJsonLine(row: NationalRowInput, settings: NationalSettings): string {
  const cells = nationalCells('province', row, settings);
  return JSON.stringify(Object.fromEntries(NATIONAL_COLUMNS.province.map((c, i) => [c.header, cells[i]])));
}
