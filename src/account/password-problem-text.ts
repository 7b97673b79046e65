import type { TFunction } from 'i18next';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem, type PasswordProblem } from '../domain/password-rules';

/**
 * The shared password rule (src/domain/password-rules.ts) said in the user's language, for a form's validate:
 * true when acceptable, else the message shown next to the field. `forOther`: an administrator setting someone
 * else's first password ("their staff number", not "your").
 */
export function checkNewPassword(t: TFunction, password: string, employeeNo: string | undefined, forOther = false): true | string {
  const problem = passwordProblem(password, { employeeNo: employeeNo || undefined });
  return problem ? passwordProblemText(t, problem, forOther) : true;
}

export function passwordProblemText(t: TFunction, problem: PasswordProblem, forOther = false): string {
  switch (problem) {
    case 'TOO_SHORT':
      return t('staff:password.tooShort', { min: MIN_PASSWORD_LENGTH });
    case 'TOO_LONG':
      return t('staff:password.tooLong', { max: MAX_PASSWORD_LENGTH });
    case 'BLANK':
      return t('staff:errors.PASSWORD_BLANK');
    case 'COMMON':
      return t('staff:errors.PASSWORD_TOO_COMMON');
    case 'CONTAINS_EMPLOYEE_NO':
      return t(forOther ? 'admin:errors.PASSWORD_TOO_WEAK' : 'staff:errors.PASSWORD_TOO_WEAK');
  }
}
