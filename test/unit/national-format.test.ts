import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVEL_KEYS, type LevelKey } from '../../src/domain/levels';
import { readExportSettings } from '../../sync-server/export/national-export';
import { formatNationalTime, nationalCells, nationalSettings, provinceJsonLine, type NationalRowInput } from '../../sync-server/export/national-format';
import type { StoredRating } from '../../sync-server/store/store';

// 2026-10-31 23:59:59 China time is 15:59:59 UTC: the row must carry China's date, not UTC's.
const LATE_EVENING = Date.UTC(2026, 9, 31, 15, 59, 59, 500);

function rating(over: Partial<StoredRating> = {}): StoredRating {
  return {
    id: 'r1', seq: 1, level: 'SATISFIED', reasons: [], channel: 'HALL_TABLET', unitId: 'u1', windowId: 'w1', staffId: 's1',
    deviceId: 'd1', deviceTime: LATE_EVENING, ratedAt: LATE_EVENING, receivedAt: LATE_EVENING, clockOffsetMs: 0, contact: null,
    ...over,
  } as StoredRating;
}

const row = (over: Partial<StoredRating> = {}, extra: Partial<NationalRowInput> = {}): NationalRowInput => ({ rating: rating(over), assessmentNo: 1, divisionCode: '510104', ...extra });

describe('national export rows', () => {
  it('writes the rated time in China Standard Time as YYYYMMDDThhmmss', () => {
    expect(formatNationalTime(LATE_EVENING)).toBe('20261031T235959');
    expect(formatNationalTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('20260101T080000');
  });

  it('codes satisfaction 1 = 非常满意 … 5 = 非常不满意 in GB/T 39046 and the other way round for the province', () => {
    const s = nationalSettings();
    const gbt = LEVEL_KEYS.map((level) => nationalCells('gbt39046', row({ level }), s).slice(4, 6));
    expect(gbt).toEqual([['非常满意', 1], ['满意', 2], ['基本满意', 3], ['不满意', 4], ['非常不满意', 5]]);
    const province = LEVEL_KEYS.map((level) => JSON.parse(provinceJsonLine(row({ level }), s)).satisfaction);
    expect(province).toEqual([5, 4, 3, 2, 1]);
  });

  it('gives every column of the GB/T 39046 layout in order, 办件编号 empty without 办件', () => {
    const s = nationalSettings();
    expect(nationalCells('gbt39046', row({ caseNumber: 'BJ-2026-0001', comment: '很好' }, { assessmentNo: 2 }), s))
      .toEqual(['BJ-2026-0001', 4, '20261031T235959', 2, '满意', 2, '很好', '510104']);
    expect(nationalCells('gbt39046', row({}, { divisionCode: null }), s)).toEqual(['', 4, '20261031T235959', 1, '满意', 2, '', '']);
  });

  it('maps each channel to its national pf code, and takes a province\'s own codes from the settings', () => {
    const s = nationalSettings();
    const pf = (channel: StoredRating['channel'], settings = s) => JSON.parse(provinceJsonLine(row({ channel }), settings)).pf;
    expect([pf('PC'), pf('MOBILE'), pf('QR'), pf('HALL_TABLET'), pf('HALL_TERMINAL'), pf('PHONE'), pf('SMS'), pf('PAPER'), pf('DEFAULT')]).toEqual([1, 2, 3, 4, 5, 6, 7, 5, 7]);
    const own = nationalSettings({ channelCodes: { DEFAULT: 9 }, levelCodes: { province: { VERY_SATISFIED: 1, VERY_DISSATISFIED: 5 } } });
    expect(pf('DEFAULT', own)).toBe(9);
    expect(pf('QR', own)).toBe(3);
    expect(JSON.parse(provinceJsonLine(row({ level: 'VERY_SATISFIED' }), own)).satisfaction).toBe(1);
  });

  it('scrubs phone and ID numbers from the written assessment and has no field for the evaluator', () => {
    const s = nationalSettings();
    const withContact = rating({
      comment: '请打 138 1234 5678，身份证 11010519491231002X',
      contact: { name: '张*', phone: '138****5678' },
    } as Partial<StoredRating>);
    const line = provinceJsonLine({ rating: withContact, assessmentNo: 1, divisionCode: null }, s);
    expect(line).not.toMatch(/1234|11010519491231002X|张/);
    expect(Object.keys(JSON.parse(line))).toEqual(['projectNo', 'pf', 'assessTime', 'assessNumber', 'satisfaction', 'satisfactionName', 'writingAssess', 'areaCode']);
    const gbt = nationalCells('gbt39046', { rating: withContact, assessmentNo: 1, divisionCode: null }, s);
    expect(gbt.join('|')).not.toMatch(/1234|11010519491231002X|张/);
  });

  it('refuses settings that give two levels one code, or unknown keys, before anything is written', () => {
    expect(() => nationalSettings({ levelCodes: { gbt39046: { SATISFIED: 1 } } })).toThrow(/same code/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-settings-'));
    const file = path.join(dir, 's.json');
    fs.writeFileSync(file, JSON.stringify({ channelCodes: { KIOSK: 4 } }));
    expect(() => readExportSettings(file)).toThrow(/export settings/);
    fs.writeFileSync(file, JSON.stringify({ levelCodes: { province: { SATISFIED: 'four' } } }));
    expect(() => readExportSettings(file)).toThrow(/levelCodes\.province\.SATISFIED/);
    fs.writeFileSync(file, JSON.stringify({ channelCodes: { PAPER: 8 } }));
    expect(readExportSettings(file).channelCodes.PAPER).toBe(8);
    const level: LevelKey = 'DISSATISFIED';
    expect(readExportSettings(undefined).levelCodes.gbt39046[level]).toBe(4);
  });
});
