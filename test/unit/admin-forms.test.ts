import { describe, expect, it } from 'vitest';
import { EmployeeNoSchema } from '../../src/domain/account-api';
import { MAX_PHOTO_BYTES } from '../../src/domain/admin-api';
import { ReasonKeySchema } from '../../src/domain/base-schemas';
import { changedFields, EMPLOYEE_NO, isValidSortOrder, parseSortOrder, REASON_KEY, trimLabel } from '../../src/admin/shared/form-values';
import { encodeUnder, fitWithin, PhotoError } from '../../src/media/photo-resize';

describe('staff photo size', () => {
  it('fits a camera photo within 480×600, keeping the aspect ratio', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 480, height: 360 }); // landscape: width bound
    expect(fitWithin(3000, 4000)).toEqual({ width: 450, height: 600 }); // portrait: height bound
    expect(fitWithin(960, 1200)).toEqual({ width: 480, height: 600 }); // exactly the box's shape
    expect(fitWithin(1080, 1920)).toEqual({ width: 338, height: 600 });
  });
  it('never enlarges a small picture, and never rounds to nothing', () => {
    expect(fitWithin(200, 250)).toEqual({ width: 200, height: 250 });
    expect(fitWithin(10_000, 3)).toEqual({ width: 480, height: 1 });
  });
  it('refuses a picture without size', () => {
    expect(() => fitWithin(0, 100)).toThrow(PhotoError);
    expect(() => fitWithin(Number.NaN, 100)).toThrow(PhotoError);
  });
  it('lowers the JPEG quality until the photo fits under the server limit', async () => {
    const tried: number[] = [];
    // A fake encoder whose output shrinks with the quality: about 1 MiB at 0.85, under 512 KiB only at 0.35.
    const encode = async (q: number) => {
      tried.push(q);
      return new Blob([new Uint8Array(Math.round(q * 1.2 * 1024 * 1024))]);
    };
    const blob = await encodeUnder(encode);
    expect(blob.size).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
    expect(tried).toEqual([0.85, 0.75, 0.65, 0.55, 0.45, 0.35]);
  });
  it('stops at the first quality that fits', async () => {
    const tried: number[] = [];
    await encodeUnder(async (q) => (tried.push(q), new Blob([new Uint8Array(60_000)])));
    expect(tried).toEqual([0.85]);
  });
  it('gives up with tooLarge when no quality fits', async () => {
    const err = await encodeUnder(async () => new Blob([new Uint8Array(MAX_PHOTO_BYTES + 1)])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhotoError);
    expect((err as PhotoError).problem).toBe('tooLarge');
  });
});

describe('admin form values', () => {
  it('sends only the fields that changed', () => {
    const initial = { name: '李明', roles: ['STAFF'], active: true, label: { 'zh-CN': 'a', bo: 'b', en: 'c' } };
    expect(changedFields({ ...initial }, initial)).toEqual({});
    expect(changedFields({ ...initial, roles: ['STAFF', 'LEAD'] }, initial)).toEqual({ roles: ['STAFF', 'LEAD'] });
    expect(changedFields({ ...initial, active: false, label: { 'zh-CN': 'a', bo: 'b2', en: 'c' } }, initial)).toEqual({
      active: false,
      label: { 'zh-CN': 'a', bo: 'b2', en: 'c' },
    });
  });
  it('treats an emptied optional field as no change (a PATCH cannot unset it)', () => {
    expect(changedFields({ sortOrder: undefined as number | undefined }, { sortOrder: 3 })).toEqual({});
  });
  it('reads the sort order input', () => {
    expect(parseSortOrder('')).toBeUndefined();
    expect(parseSortOrder(' 20 ')).toBe(20);
    expect(isValidSortOrder(parseSortOrder('20'))).toBe(true);
    expect(isValidSortOrder(parseSortOrder(''))).toBe(true);
    expect(isValidSortOrder(parseSortOrder('1.5'))).toBe(false);
    expect(isValidSortOrder(parseSortOrder('-1'))).toBe(false);
    expect(isValidSortOrder(parseSortOrder('abc'))).toBe(false);
  });
  it('trims every label', () => {
    expect(trimLabel({ 'zh-CN': ' 停车难 ', bo: 'ཀ ', en: ' Parking' })).toEqual({ 'zh-CN': '停车难', bo: 'ཀ', en: 'Parking' });
  });
  it('checks 工号 and reason keys as the server does', () => {
    for (const no of ['D1001', 'ab', 'A-1-b', 'x', 'D 1001', '工号1', 'A'.repeat(20), 'A'.repeat(21)]) {
      expect(EMPLOYEE_NO.test(no), no).toBe(EmployeeNoSchema.safeParse(no).success);
    }
    for (const key of ['NO_PARKING', 'A1', 'A', 'no_parking', '1ABC', 'NO-PARKING', 'X'.repeat(40), 'X'.repeat(41)]) {
      expect(REASON_KEY.test(key), key).toBe(ReasonKeySchema.safeParse(key).success);
    }
  });
});
