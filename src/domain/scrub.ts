import { maskPhone } from './contact';

// Mainland mobiles, landlines with area code, and 18-digit resident ID numbers, as citizens type them in comments.
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;
const ID_IN_TEXT = /(?<![\dXx])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g;

/** Free text with phone and ID numbers masked: what lists and public pages show of a citizen's comment. */
export function scrubText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (id) => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`)
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/[\s-]/g, '').replace(/^\+?86/, '')))
    .replace(LANDLINE_IN_TEXT, (l) => maskPhone(l));
}
