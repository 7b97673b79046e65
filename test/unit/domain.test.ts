import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, normalizePhone } from '../../src/domain/contact';
import { uuidv7, uuidv7Time } from '../../src/domain/ids';
import { gbtSatisfactionCode, isBadLevel, LEVELS, nationalSatisfactionCode } from '../../src/domain/levels';
import { RatingRecordSchema } from '../../src/domain/rating';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { cstDate, formatCstIso } from '../../src/domain/time';
import { payloadHash } from '../../sync-server/canonical';
import { badRating, demoRating } from '../support/ratings';

describe('uuidv7', () => {
  it('is a version-7 UUID carrying its millisecond time', () => {
    const at = Date.UTC(2040, 10, 27, 9, 30); // later than any id made before in this process
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7Time(id)).toBe(at);
  });
  it('sorts by creation, within one millisecond too, and does not repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(10_000);
    const sameMs = Array.from({ length: 5_000 }, () => uuidv7(2_000_000_000_000));
    expect([...sameMs].sort()).toEqual(sameMs);
    expect(new Set(sameMs).size).toBe(5_000);
  });
  it('keeps increasing when the clock steps back', () => {
    const later = uuidv7(2_100_000_000_000);
    const earlier = uuidv7(2_000_000_000_000);
    expect(earlier > later).toBe(true);
  });
});

describe('levels', () => {
  it('lists the five levels best first, the bottom two being bad reviews', () => {
    expect(LEVELS.map((l) => l.key)).toEqual(['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED']);
    expect(LEVELS.filter((l) => isBadLevel(l.key)).map((l) => l.key)).toEqual(['DISSATISFIED', 'VERY_DISSATISFIED']);
  });
  it('converts to the two opposite numeric codings only on demand', () => {
    expect(nationalSatisfactionCode('VERY_SATISFIED')).toBe(5);
    expect(gbtSatisfactionCode('VERY_SATISFIED')).toBe(1);
    expect(nationalSatisfactionCode('VERY_DISSATISFIED')).toBe(1);
    expect(gbtSatisfactionCode('VERY_DISSATISFIED')).toBe(5);
  });
});

describe('reasons', () => {
  it('starts with the 13 reasons of the notice, each labelled in every language', () => {
    expect(DEFAULT_REASONS.map((r) => r.key)).toContain('NOT_TOLD_AT_ONCE');
    expect(DEFAULT_REASONS).toHaveLength(13);
    expect(DEFAULT_REASONS.at(-1)!.key).toBe('OTHER');
    for (const r of DEFAULT_REASONS) for (const l of ['zh-CN', 'bo', 'en'] as const) expect(r.label[l].length).toBeGreaterThan(0);
  });
});

describe('phone numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0971-6123456', '0971-6123456'],
    ['09716123456', '0971-6123456'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['（0971）6123456', '0971-6123456'],
  ])('accepts %j as %j', (input, stored) => expect(normalizePhone(input)).toBe(stored));

  it.each(['12345', '12812345678', '1381234567', '138123456789', 'abc', '', '110', '0971-123'])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('masks numbers and names for lists', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0971-6123456')).toBe('0971-***3456');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李')).toBe('李*');
  });
});

describe('RatingRecordSchema', () => {
  const issuesOf = (r: unknown) => {
    const res = RatingRecordSchema.safeParse(r);
    return res.success ? [] : res.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts a good rating and a bad one with reasons and contact', () => {
    expect(issuesOf(demoRating())).toEqual([]);
    expect(issuesOf(badRating())).toEqual([]);
  });
  it('requires a reason on a bad rating and none on a good one', () => {
    expect(issuesOf(demoRating({ level: 'DISSATISFIED' }))).toEqual(['reasons']);
    expect(issuesOf(demoRating({ reasons: ['ATTITUDE'] }))).toEqual(['reasons']);
  });
  it('requires the text of 其他 and only with 其他', () => {
    expect(issuesOf(badRating({ reasons: ['OTHER'] }))).toEqual(['otherReason']);
    expect(issuesOf(badRating({ reasons: ['OTHER'], otherReason: '窗口太吵' }))).toEqual([]);
    expect(issuesOf(badRating({ otherReason: '多余' }))).toEqual(['otherReason']);
  });
  it('refuses numbers for levels, unknown fields, bad ids and malformed phones', () => {
    expect(issuesOf({ ...demoRating(), level: 4 })).toContain('level');
    expect(issuesOf({ ...demoRating(), extra: true }).length).toBeGreaterThan(0);
    expect(issuesOf(demoRating({ id: 'not-a-uuid' }))).toContain('id');
    expect(issuesOf(badRating({ contact: { phone: '138 1234 5678' } }))).toContain('contact.phone');
    expect(issuesOf(demoRating({ comment: 'x'.repeat(501) }))).toContain('comment');
  });
  it('trims free text and drops nothing else', () => {
    const parsed = RatingRecordSchema.parse(badRating({ comment: '  太慢了  ' }));
    expect(parsed.comment).toBe('太慢了');
  });
});

describe('China Standard Time', () => {
  it('formats instants in UTC+8 whatever the machine zone', () => {
    const ms = Date.UTC(2026, 0, 31, 17, 30); // 01:30 on 1 February in Beijing
    expect(formatCstIso(ms)).toBe('2026-02-01T01:30:00.000+08:00');
    expect(cstDate(ms)).toBe('2026-02-01');
  });
});

describe('payloadHash', () => {
  it('gives equal records one hash whatever the key order they arrived in', () => {
    const r = badRating({ contact: { name: '张三', phone: '13812345678', company: '某公司' } });
    const shuffled = Object.fromEntries(Object.entries({ ...r, contact: { company: '某公司', phone: '13812345678', name: '张三' } }).reverse());
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(r));
    expect(payloadHash(RatingRecordSchema.parse(shuffled))).toBe(payloadHash(RatingRecordSchema.parse(r)));
  });
  it('tells records that differ in any field apart', () => {
    const r = badRating();
    const base = payloadHash(RatingRecordSchema.parse(r));
    for (const change of [{ level: 'VERY_DISSATISFIED' }, { comment: '别的' }, { reasons: ['ATTITUDE', 'EFFICIENCY'] }, { deviceTime: r.deviceTime + 1 }] as const) {
      expect(payloadHash(RatingRecordSchema.parse({ ...r, ...change }))).not.toBe(base);
    }
  });
});
