import { describe, expect, it } from 'vitest';
import { hasPermission, inScope, mayRevealContact, ratingScope, type Actor } from '../../src/domain/roles';
import { scrubCaseAction, scrubText } from '../../src/domain/scrub';

const actor = (roles: Actor['roles'], windowId: string | null = 'w1', id = 's1'): Actor => ({ id, roles, unitId: 'u', windowId });
const rating = { staffId: 's1', windowId: 'w1' };
const colleagues = { staffId: 's2', windowId: 'w1' };
const elsewhere = { staffId: 's3', windowId: 'w2' };

describe('rating scope', () => {
  it('is own ratings for staff, the window for a lead, everything for office, supervision and personnel', () => {
    expect(ratingScope(actor(['STAFF']))).toEqual({ kind: 'staff', staffId: 's1' });
    expect(ratingScope(actor(['STAFF', 'LEAD']))).toEqual({ kind: 'window', windowId: 'w1' });
    for (const r of ['OFFICE', 'SUPERVISION', 'PERSONNEL'] as const) expect(ratingScope(actor([r], null))).toEqual({ kind: 'all' });
    expect(ratingScope(actor(['ADMIN'], null))).toBeNull();
    expect(ratingScope(actor(['LEAD'], null))).toBeNull(); // a lead without a window leads nothing
  });
  it('decides membership by staff or window', () => {
    expect(inScope({ kind: 'staff', staffId: 's1' }, rating)).toBe(true);
    expect(inScope({ kind: 'staff', staffId: 's1' }, colleagues)).toBe(false);
    expect(inScope({ kind: 'window', windowId: 'w1' }, colleagues)).toBe(true);
    expect(inScope({ kind: 'window', windowId: 'w1' }, elsewhere)).toBe(false);
  });
});

describe('revealing contact', () => {
  it('is for the staff member rated, the lead of that window, and supervision only', () => {
    expect(mayRevealContact(actor(['STAFF']), rating)).toBe(true);
    expect(mayRevealContact(actor(['STAFF']), colleagues)).toBe(false);
    expect(mayRevealContact(actor(['STAFF', 'LEAD']), colleagues)).toBe(true);
    expect(mayRevealContact(actor(['STAFF', 'LEAD']), elsewhere)).toBe(false);
    expect(mayRevealContact(actor(['SUPERVISION'], null), elsewhere)).toBe(true);
    for (const r of ['OFFICE', 'PERSONNEL', 'ADMIN'] as const) expect(mayRevealContact(actor([r], null), rating)).toBe(false);
  });
  it('matches the permission table', () => {
    expect(hasPermission(actor(['OFFICE']), 'contact.reveal')).toBe(false);
    expect(hasPermission(actor(['ADMIN']), 'catalog.manage')).toBe(true);
    expect(hasPermission(actor(['STAFF']), 'catalog.manage')).toBe(false);
    expect(hasPermission(actor(['SUPERVISION']), 'audit.read')).toBe(true);
  });
});

describe('scrubText', () => {
  it.each([
    ['请打 13812345678 找我', '请打 138****5678 找我'],
    ['电话+86 138-1234-5678。', '电话138****5678。'],
    ['座机 0971-6123456', '座机 0971-***3456'],
    ['身份证630102199003151234', '身份证630***********1234'],
    ['身份证 63010219900315123X 号', '身份证 630***********123X 号'],
    // Any run of 7 or more digits is masked, a reference number too: the text cannot tell it from a phone.
    ['排了 120 分钟，编号 20261127001', '排了 120 分钟，编号 202****7001'],
  ])('%j → %j', (input, output) => expect(scrubText(input)).toBe(output));

  it.each([
    ['电话139.1234.5678', '电话139****5678'],
    ['打 138 12 34 56 78 就行', '打 138****5678 就行'],
    ['全角１３８１２３４５６７８号码', '全角138****5678号码'],
    ['全角－分隔 ０９７１－６１２３４５６', '全角－分隔 0971-***3456'],
    ['座机(0971)6123456', '座机0971-***3456'],
    ['座机（0971）6123456。', '座机0971-***3456。'],
    ['座机 0971 6123456', '座机 0971-***3456'],
    ['身份证 630102 19900315 123X', '身份证 630***********123X'],
    ['身份证 6301 0219 9003 1512 34', '身份证 630***********1234'],
    ['旧身份证630102900315123', '旧身份证630********5123'],
    ['QQ 1234567', 'QQ ****567'],
    ['卡号 62220212 3456', '卡号 622*****3456'],
    ['tel: 138—1234—5678!', 'tel: 138****5678!'],
  ])('masks a number written any way: %j → %j', (input, output) => expect(scrubText(input)).toBe(output));

  it.each([
    '2026-11-27 上午来的，等了 45 分钟',
    '2026.11.27、2026/1/5 两次来办',
    '2025-2026 年度',
    '收费 350.50 元，押金 123456 元',
    '9:00-17:30 都没人',
    '第 1,2,3,4,5,6,7 项材料',
    '共 1,234,567 元',
    '窗口 3 号，工号 A0012',
    '护照 E12345',
  ])('leaves dates, amounts and short numbers alone: %j', (input) => expect(scrubText(input)).toBe(input));

  it('masks the free text of case steps and nothing else', () => {
    expect(scrubCaseAction({ type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '改打 139.1234.5678' })).toEqual({
      type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '改打 139****5678',
    });
    expect(scrubCaseAction({ type: 'DECIDE', path: 'SPECIAL', explanation: '身份证 630102 19900315 123X 有误', deadline: '2026-12-01' })).toEqual({
      type: 'DECIDE', path: 'SPECIAL', explanation: '身份证 630***********123X 有误', deadline: '2026-12-01',
    });
    expect(scrubCaseAction({ type: 'REPLY', channel: 'SMS', text: '已回复 (0971)6123456' }).text).toBe('已回复 0971-***3456');
  });
});
