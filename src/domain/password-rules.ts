/**
 * What makes a password acceptable, shared by the server (password change, staff accounts, `npm run
 * create-admin`) and the forms, which say the problem next to the field before anything is sent.
 *
 * Length alone let `12345678`, `password` and eight spaces through. The list below is short and built in (no
 * download, no network): the passwords most often found in leaked lists, Chinese ones included, plus patterns
 * that generate many more (one character repeated, a run along the digits, the alphabet or the keyboard).
 * Demo accounts seeded by the server keep `demo1234` (their hash is written directly); a person may not choose it.
 */
import type { ErrorCode } from './error-codes';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'BLANK' | 'COMMON' | 'CONTAINS_EMPLOYEE_NO';

const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa$$word',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'welcome123', 'letmein1', 'changeme',
  'computer', 'superman', 'michael1', 'trustno1', 'whatever', 'starwars', 'dragon123', 'monkey123', 'master123',
  'admin123', 'admin1234', 'admin12345', 'administrator', 'root1234', 'test1234', 'guest123', 'user1234',
  'demo1234', 'abc12345', 'abcd1234', 'abc123456', 'a1234567', 'a12345678', 'aa123456', 'aa12345678', 'qq123456',
  'q1w2e3r4', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', '1qaz2wsx3edc', 'zaq12wsx', 'qwer1234', '1234qwer', 'asdf1234',
  'zxcv1234', 'qwerty123', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm1', 'qazwsxedc', '12341234', '12344321', '11223344',
  '123123123', '147258369', '159357456', '123qweasd', 'qweasdzxc', 'woaini1314', 'woaini520', 'wo5201314',
  'iloveyou1', '5201314520', '1314520520', 'aini1314', 'zhang123', 'wang1234', 'li123456', 'hao123456',
  'haochaping', 'hcp12345', 'hcp123456', 'changepassword', '00000000', '88888888', '66666666', '11111111',
]);

/** Runs that keyboards and counting produce; any 8 characters inside one of these (or its reverse) is common. */
const RUNS = ['01234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv'];

function isRun(s: string): boolean {
  return RUNS.some((run) => run.includes(s) || [...run].reverse().join('').includes(s));
}

/** Whether a password is one of the common ones or made like them (case and surrounding spaces ignored). */
export function isCommonPassword(password: string): boolean {
  const p = password.trim().toLowerCase();
  if (COMMON_PASSWORDS.has(p)) return true;
  if (new Set(p).size <= 2) return true; // aaaaaaaa, 12121212
  // A run, alone or with one common word or digit group around it: 12345678, abcdefgh, 123456789a.
  if (isRun(p)) return true;
  const core = p.replace(/^(password|admin|qq|aa|a)/, '').replace(/(!|\.|aa|a|qq)$/, '');
  return core.length >= 6 && isRun(core);
}

/** The first problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, opts: { employeeNo?: string } = {}): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'TOO_SHORT';
  if (password.length > MAX_PASSWORD_LENGTH) return 'TOO_LONG';
  if (password.trim() === '') return 'BLANK';
  if (opts.employeeNo && password.toLowerCase().includes(opts.employeeNo.trim().toLowerCase())) return 'CONTAINS_EMPLOYEE_NO';
  if (isCommonPassword(password)) return 'COMMON';
  return null;
}

/** The server's error code for each problem (too short and too long are already refused by the request schema). */
export const PASSWORD_PROBLEM_CODES: Readonly<Record<PasswordProblem, ErrorCode>> = {
  TOO_SHORT: 'VALIDATION_FAILED',
  TOO_LONG: 'VALIDATION_FAILED',
  BLANK: 'PASSWORD_BLANK',
  COMMON: 'PASSWORD_TOO_COMMON',
  CONTAINS_EMPLOYEE_NO: 'PASSWORD_TOO_WEAK',
};
