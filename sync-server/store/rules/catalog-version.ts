import type { StaffAccount } from '../store';

/*
 * Kiosks compare the server's catalogue version with their copy and fetch the configuration only when it moved.
 * Which writes move it is decided here, not in an adapter (SQLite did it with triggers until migration 013):
 *  - every write to units, windows, reasons and service items (all of their columns reach the kiosk);
 *  - a new account, a staff photo, a granted role;
 *  - an account change touching a field the kiosk shows or checks (roster, names, roles, PIN), but not the
 *    server-only ones (password, sign-in failures, lock): a failed sign-in must not make every kiosk refetch.
 * The store bumps the version in the same transaction as the write, by one per row written.
 */

/** The account fields of `updateAccount`'s patch that a kiosk shows or checks. */
export const KIOSK_ACCOUNT_FIELDS = ['name', 'unitId', 'windowId', 'roles', 'active', 'pinHash'] as const satisfies readonly (keyof StaffAccount)[];

/** True when this account change must reach the kiosks (a field above is in the patch, even with the same value). */
export function accountChangeShownToKiosks(patch: Partial<StaffAccount>): boolean {
  return KIOSK_ACCOUNT_FIELDS.some((f) => patch[f] !== undefined);
}
