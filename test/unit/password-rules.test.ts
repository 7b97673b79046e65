import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from '../../src/domain/password-rules';

describe('password rules', () => {
  it('refuses common passwords and those made like them, in any case', () => {
    for (const pw of ['12345678', 'password', 'PASSWORD', 'Password1', '123456789', '87654321', 'abcdefgh', 'qwertyui', 'aaaaaaaa', '11111111', '12121212', 'a12345678', 'woaini1314', 'demo1234', '1qaz2wsx']) {
      expect(passwordProblem(pw), pw).toBe('COMMON');
    }
  });

  it('refuses whitespace only, too short, too long, and the staff number inside', () => {
    expect(passwordProblem('        ')).toBe('BLANK');
    expect(passwordProblem(' \t \n    ')).toBe('BLANK');
    expect(passwordProblem('short')).toBe('TOO_SHORT');
    expect(passwordProblem('x'.repeat(129))).toBe('TOO_LONG');
    expect(passwordProblem('xxD1001xx', { employeeNo: 'D1001' })).toBe('CONTAINS_EMPLOYEE_NO');
    expect(passwordProblem('xxd1001xx', { employeeNo: 'D1001' })).toBe('CONTAINS_EMPLOYEE_NO');
  });

  it('accepts passwords that are none of these', () => {
    for (const pw of ['a-good-passphrase', 'Tashi Delek 2026', 'k7#mQ2vL', '雪域高原的窗口服务', 'correct horse battery']) {
      expect(passwordProblem(pw, { employeeNo: 'D1001' }), pw).toBeNull();
      expect(isCommonPassword(pw)).toBe(false);
    }
  });
});
