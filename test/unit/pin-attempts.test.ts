import { describe, expect, it } from 'vitest';
import { hashPin } from '../../src/domain/pin';
import { checkStaffPin } from '../../src/kiosk/pin-attempts';
import { MAX_PIN_FAILURES, PIN_LOCK_MS } from '../../src/kiosk/on-duty';
import { freshDb } from '../support/kiosk-fixtures';

const card = (id: string, pinHash: string) => ({ id, name: id, employeeNo: id, photoUrl: null, pinHash });

describe('wrong PINs at a kiosk', () => {
  it('lock only the staff member they were typed for, not sign-on for everyone', async () => {
    const db = await freshDb();
    const a = card('s1', await hashPin('246810'));
    const b = card('s2', await hashPin('135790'));
    const now = Date.now();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await checkStaffPin(db, a, '000111', now)).toEqual({ kind: 'wrong', left: MAX_PIN_FAILURES - i });
    }
    expect(await checkStaffPin(db, a, '000111', now)).toEqual({ kind: 'locked', minutes: PIN_LOCK_MS / 60_000 });
    // Even the right PIN waits for the lock to end for that person...
    expect((await checkStaffPin(db, a, '246810', now + 1000)).kind).toBe('locked');
    // ...while a colleague signs on as usual.
    expect(await checkStaffPin(db, b, '135790', now + 1000)).toEqual({ kind: 'ok' });
    // After the lock, the right PIN works and clears the count.
    expect(await checkStaffPin(db, a, '246810', now + PIN_LOCK_MS + 1)).toEqual({ kind: 'ok' });
    expect(await checkStaffPin(db, a, '000111', now + PIN_LOCK_MS + 2)).toEqual({ kind: 'wrong', left: MAX_PIN_FAILURES - 1 });
  });

  it('do not count against a colleague', async () => {
    const db = await freshDb();
    const a = card('s1', await hashPin('246810'));
    const b = card('s2', await hashPin('135790'));
    const now = Date.now();
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await checkStaffPin(db, a, '000111', now);
    expect(await checkStaffPin(db, b, '000111', now)).toEqual({ kind: 'wrong', left: MAX_PIN_FAILURES - 1 });
  });
});
