import { describe, expect, it } from 'vitest';
import { hashPin, isWeakPin, verifyPin } from '../../src/domain/pin';

describe('kiosk PINs', () => {
  it.each(['000000', '999999', '123456', '234567', '987654', '890123', '109876'])('refuses the weak PIN %s', (pin) => expect(isWeakPin(pin)).toBe(true));
  it.each(['246810', '480135', '112233', '135790'])('accepts %s', (pin) => expect(isWeakPin(pin)).toBe(false));

  it('hashes with a salt and verifies only the right six digits', async () => {
    const a = await hashPin('480135');
    const b = await hashPin('480135');
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPin('480135', a)).toBe(true);
    expect(await verifyPin('480136', a)).toBe(false);
    expect(await verifyPin('48013', a)).toBe(false);
    expect(await verifyPin('480135', 'scrypt$1$2$3')).toBe(false);
  });
});
