import { maskPhone, normalizePhone } from './contact';

/*
 * Citizens type numbers every way: full-width digits from a Chinese IME, dots, spaces or brackets as separators
 * ("139.1234.5678", "138 12 34 56 78", "(0971)6123456"), an ID card in groups. A pattern per known format lets
 * the others through, so any run of 7 or more digits is masked, whatever joins them, and the known formats
 * (mobiles, landlines, 15/18-character IDs) only decide how the mask looks.
 */

// Between two digits: spaces, or one joining mark with spaces around it. Commas are left out on purpose:
// "1,2,3,4,5,6,7" is a list, and large amounts with thousands separators are not personal data.
const RUN = /(?:\+\s*|\(\s*)?\d(?:\s*[.\-‐-―·/()]?\s*\d)*(?:\s*[Xx](?![A-Za-z]))?/g;
const MIN_DIGITS = 7;
// Dates and year ranges are runs of 8 digits that identify nobody.
const DATE = /^(?:19|20)\d{2}([./-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/;
const YEAR_RANGE = /^(?:19|20)\d{2}\s*[-‐-―/]\s*(?:19|20)\d{2}$/;

/** First 3 and last 4 kept when at least 4 stay hidden; shorter runs show less. */
function maskRun(chars: string): string {
  const n = chars.length;
  const keepEnd = Math.min(4, n - 4);
  const keepStart = Math.max(0, Math.min(3, n - 4 - keepEnd));
  return chars.slice(0, keepStart) + '*'.repeat(n - keepStart - keepEnd) + chars.slice(n - keepEnd);
}

function maskNumber(run: string): string {
  const trimmed = run.replace(/^\(\s*/, '');
  if (DATE.test(trimmed) || YEAR_RANGE.test(trimmed)) return run;
  let digits = trimmed.replace(/[^\dXx]/g, '');
  const x = /[Xx]$/.test(digits);
  // An X ends an 18-character ID only; after anything else it is a letter of the text.
  if (x && digits.length !== 18) return maskNumber(run.replace(/\s*[Xx]$/, '')) + run.slice(run.replace(/\s*[Xx]$/, '').length);
  if (digits.replace(/\D/g, '').length < MIN_DIGITS) return run;
  if (!x) {
    // +86 / 0086 before a mobile: the country code is dropped, as the contact fields do.
    const local = /^(?:\+86|0086|86)(1[3-9]\d{9})$/.exec(trimmed.startsWith('+') ? '+' + digits : digits);
    if (local) digits = local[1];
    const phone = normalizePhone(digits);
    if (phone) return maskPhone(phone);
  }
  return maskRun(digits);
}

// Characters whose NFKC form may be a digit or a separator (no-break and ideographic spaces, dashes, enclosed and
// full-width forms, mathematical digits); the rest (CJK above all) are left as they are without a look-up.
const MAY_FOLD = /[\u00a0\u2000-\u2bff\u3000\ufe50-\ufe6f\uff00-\uffef\u{1d7ce}-\u{1d7ff}]/u;
const FOLDED = /^[\d\s.\-()+/Xx]$/;

/**
 * Free text with phone and ID numbers masked: what lists and exports show of a citizen's comment (public pages remove
 * more: public-scrub.ts).
 * Matching runs on the NFKC form of each character (full-width digits, brackets and spaces become ASCII), while
 * the text around a number keeps its own characters.
 */
export function scrubText(text: string): string {
  return mapNumberRuns(text, maskNumber);
}

/** True when a run of digits is a phone, ID or other personal number (7+ digits, not a date or a year range). */
export function isPersonalNumber(run: string): boolean {
  const trimmed = run.replace(/^\(\s*/, '');
  if (DATE.test(trimmed) || YEAR_RANGE.test(trimmed)) return false;
  return trimmed.replace(/\D/g, '').length >= MIN_DIGITS;
}

/**
 * Every run of digits in the text (any separator, full-width forms folded by NFKC) given to `replace`; its answer
 * takes the run's place when it differs, and the text around keeps its own characters.
 */
export function mapNumberRuns(text: string, replace: (run: string) => string): string {
  // Most comments hold no digit at all: one native pass instead of a look at every character.
  if (!/\d/.test(text.normalize('NFKC'))) return text;
  let shadow = '';
  // For each UTF-16 unit of the shadow, where its character starts in the text (one more entry for the end).
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const size = text.codePointAt(i)! > 0xffff ? 2 : 1;
    let c = text.slice(i, i + size);
    if (MAY_FOLD.test(c)) {
      const n = c.normalize('NFKC');
      if (FOLDED.test(n)) c = n;
    }
    for (let k = 0; k < c.length; k++) origin.push(i);
    shadow += c;
    i += size;
  }
  origin.push(text.length);
  let out = '';
  let last = 0;
  for (const m of shadow.matchAll(RUN)) {
    const from = origin[m.index!];
    const to = origin[m.index! + m[0].length];
    const replaced = replace(m[0]);
    out += text.slice(last, from) + (replaced === m[0] ? text.slice(from, to) : replaced);
    last = to;
  }
  return out + text.slice(last);
}

/** The free-text fields of case steps (call-back notes, explanations, evidence, rectification, replies, reopen reasons). */
const CASE_TEXT_FIELDS = ['note', 'explanation', 'evidence', 'what', 'text', 'reason'] as const;

/** A case step as lists show it: its free text scrubbed like a comment; codes, dates and ids untouched. */
export function scrubCaseAction<A extends object>(action: A): A {
  const copy = { ...action } as Record<string, unknown>;
  for (const f of CASE_TEXT_FIELDS) if (typeof copy[f] === 'string') copy[f] = scrubText(copy[f] as string);
  return copy as A;
}
