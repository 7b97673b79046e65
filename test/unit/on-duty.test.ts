import { describe, expect, it } from 'vitest';
import { activeOnDuty, nextShiftEnd } from '../../src/kiosk/on-duty';

const cst = (iso: string) => Date.parse(`${iso}+08:00`);
const card = (id: string) => ({ id, name: id, employeeNo: id, photoUrl: null });

describe('shift end', () => {
  it('is the next time the clock in China reads the setting', () => {
    expect(nextShiftEnd(cst('2026-11-27T09:00:00'), '18:30')).toBe(cst('2026-11-27T18:30:00'));
    expect(nextShiftEnd(cst('2026-11-27T18:30:00'), '18:30')).toBe(cst('2026-11-28T18:30:00'));
    expect(nextShiftEnd(cst('2026-11-27T23:59:00'), '08:00')).toBe(cst('2026-11-28T08:00:00'));
    // 01:00 in China is still the previous day in UTC: the day boundary is China's.
    expect(nextShiftEnd(cst('2026-11-28T01:00:00'), '18:30')).toBe(cst('2026-11-28T18:30:00'));
  });
});

describe('who is on duty', () => {
  const roster = [card('s1'), card('s2')];
  it('is the person signed on, until the shift ends or they leave the roster', () => {
    const record = { staffId: 's2', since: 0, until: 1000 };
    expect(activeOnDuty(record, roster, 999)?.id).toBe('s2');
    expect(activeOnDuty(record, roster, 1000)).toBeNull();
    expect(activeOnDuty(record, [card('s1')], 10)).toBeNull();
    expect(activeOnDuty(undefined, roster, 10)).toBeNull();
  });
});
