import type { Contact } from './base-schemas';

export type { Contact };

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0xx or 0xxx, 7-8 digit number, optional extension.
const LANDLINE = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;

/**
 * Accepts what people type (spaces, +86, 0086, a landline without its dash) and returns the stored form,
 * or null when it is not a mainland mobile or landline number.
 */
export function normalizePhone(input: string): string | null {
  let s = input.trim().replace(/[\s()（）]/g, '').replace(/[－—–]/g, '-');
  s = s.replace(/^(\+86|0086)-?/, '');
  if (MOBILE.test(s.replace(/-/g, ''))) return s.replace(/-/g, '');
  if (LANDLINE.test(s)) return s;
  const digits = s.replace(/-/g, '');
  const m = /^(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** 13812345678 → 138****5678; 0971-6123456 → 0971-***3456. Lists never show more. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepStart = MOBILE.test(digits) ? 3 : phone.indexOf('-') > 0 ? phone.indexOf('-') : 3;
  const keepEnd = 4;
  let seen = 0;
  let out = '';
  for (const ch of phone) {
    if (!/\d/.test(ch)) {
      out += ch;
      continue;
    }
    out += seen < keepStart || seen >= digits.length - keepEnd ? ch : '*';
    seen++;
  }
  return out;
}

/** 王小明 → 王**; an evaluator's name is never listed in full. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
