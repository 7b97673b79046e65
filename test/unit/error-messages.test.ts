import { describe, expect, it } from 'vitest';
import { flatten, readMessages } from '../../scripts/tibetan-review';
import { errorMessageKey } from '../../src/account/error-text';
import { ERROR_CODE_LIST, LOCAL_ERROR_CODE_LIST } from '../../src/domain/error-codes';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { PASSWORD_PROBLEM_CODES } from '../../src/domain/password-rules';
import { describeIssues, invalidItem } from '../../sync-server/validate';

const LOCALES = ['zh-CN', 'en', 'bo'] as const;

/** Every message of a locale, keyed as the app asks for it: 'staff:errors.NOT_FOUND'. */
function messagesOf(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const ns of ['staff', 'cases']) for (const [key, text] of flatten(readMessages(locale, ns))) out.set(`${ns}:${key}`, text);
  return out;
}

describe('error codes', () => {
  it('are listed once each', () => {
    expect(new Set(ERROR_CODE_LIST).size).toBe(ERROR_CODE_LIST.length);
  });

  it('named in ERROR_CODES and the password rules are codes of the list (also checked by the compiler)', () => {
    const known = new Set<string>(ERROR_CODE_LIST);
    for (const code of [...Object.values(ERROR_CODES), ...Object.values(PASSWORD_PROBLEM_CODES)]) expect(known.has(code), code).toBe(true);
  });

  describe.each(LOCALES)('in %s', (locale) => {
    const messages = messagesOf(locale);
    it.each([...ERROR_CODE_LIST, ...LOCAL_ERROR_CODE_LIST])('%s has a message', (code) => {
      const text = messages.get(errorMessageKey(code));
      expect(text, `${locale}: ${errorMessageKey(code)}`).toBeDefined();
      expect(text!.trim()).not.toBe('');
    });
  });
});

describe('the validation formatter', () => {
  const issue = (path: PropertyKey[], message: string) => ({ path, message });
  it('names each field path and says what is wrong, the value itself by its name', () => {
    expect(describeIssues({ issues: [issue(['contact', 'phone'], 'bad phone'), issue([], 'not an object')] })).toBe('contact.phone: bad phone; body: not an object');
    expect(invalidItem({ issues: [issue([], 'not an object')] })).toEqual({ code: 'VALIDATION_FAILED', message: 'item: not an object' });
  });
  it('says at most five issues: the first name the mistake', () => {
    const many = { issues: Array.from({ length: 9 }, (_, i) => issue(['reasons', i], 'unknown')) };
    expect(describeIssues(many).split('; ')).toHaveLength(5);
  });
});
