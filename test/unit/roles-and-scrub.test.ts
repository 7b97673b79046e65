import { describe, expect, it } from 'vitest';
import { hasPermission, inScope, mayRevealContact, ratingScope, type Actor } from '../../src/domain/roles';
import { scrubText } from '../../src/domain/scrub';

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
    ['排了 120 分钟，编号 20261127001', '排了 120 分钟，编号 20261127001'],
  ])('%j → %j', (input, output) => expect(scrubText(input)).toBe(output));
});
