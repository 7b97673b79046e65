import { isPersonalNumber, mapNumberRuns } from './scrub';

/**
 * Free text made fit for /public (issue 16): what identifies anybody is removed, not masked. Lists and exports keep
 * the first and last digits of a phone (scrub.ts) for the people who handle the review; a public page keeps none.
 * Removed: phone, ID card and other personal numbers (7+ digits, any separator, full-width or +86), e-mail
 * addresses, Chinese licence plates, 办件编号 and other codes mixing letters and digits, the names it is told
 * (the evaluator's, the staff's), and a name after a cue such as 我叫 / 姓名 / "my name is". Dates and year ranges stay.
 * Full-width letters, digits and the marks of addresses and codes (＠．－＋＿／) are read as ASCII first, so no
 * pattern misses a full-width variant; Chinese punctuation (，：（）) is left as written.
 */
export const REMOVED = '＊＊＊';

export interface KnownIdentities {
  /** Names to remove wherever they appear: the evaluator's own, the staff of the unit. */
  names?: readonly string[];
  /** The rating's 办件编号 and any other codes known to belong to it. */
  caseNumbers?: readonly string[];
}

const EMAIL = /[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9-]+(?:\s*\.\s*[A-Za-z0-9-]+)+/g;
// 省份简称 + the issuing office's letter + 5 characters (6 for new-energy plates), separators optional; or a
// trailer/learner/police/HK/Macau plate ending in its character.
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][\s·•.\-]*[A-Za-z][\s·•.\-]*(?:[A-Za-z0-9]{5,6}(?![A-Za-z0-9])|[A-Za-z0-9]{4}[挂学警港澳])/g;
// A code mixing letters and digits (办件编号, order numbers, plates written without the province): 6+ characters
// of letters, digits and joiners with at least 4 digits and at least one letter.
const CODE = /(?<![A-Za-z0-9])(?=[A-Za-z0-9_\-/]*[A-Za-z])(?=(?:[A-Za-z_\-/]*\d){4})[A-Za-z0-9][A-Za-z0-9_\-/]{5,}(?![A-Za-z0-9])/g;
const NAME_AFTER_CUE_ZH = /(我叫|我是|本人|姓名\s*[:：]?|名字\s*[是叫:：]?|联系人\s*[:：]?)\s*([\u4e00-\u9fff·]{2,4})/g;
const NAME_AFTER_CUE_EN = /\b(my name is|i am|i'm|name\s*:)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})/gi;
const TITLE_ZH = /([\u4e00-\u9fff])(先生|女士|小姐)/g;

const FULL_WIDTH_ASCII = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF20\uFF0E\uFF0D\uFF0B\uFF3F\uFF0F]/g;
const toAscii = (s: string) => s.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with every identity removed (see above). Idempotent: scrubbing scrubbed text changes nothing. */
export function scrubForPublication(text: string, known: KnownIdentities = {}): string {
  let out = toAscii(text);
  for (const raw of [...(known.caseNumbers ?? []), ...(known.names ?? [])]) {
    const value = toAscii(raw).trim();
    // A one-character "name" would remove that character everywhere.
    if ([...value].length < 2) continue;
    out = out.replace(new RegExp(escapeRegExp(value), 'gi'), REMOVED);
  }
  out = out.replace(EMAIL, REMOVED);
  out = out.replace(PLATE, REMOVED);
  out = out.replace(CODE, REMOVED);
  out = mapNumberRuns(out, (run) => (isPersonalNumber(run) ? REMOVED : run));
  out = out.replace(NAME_AFTER_CUE_ZH, (_m, cue: string) => `${cue}${REMOVED}`);
  out = out.replace(NAME_AFTER_CUE_EN, (_m, cue: string) => `${cue} ${REMOVED}`);
  out = out.replace(TITLE_ZH, (_m, _surname: string, title: string) => `${REMOVED}${title}`);
  return out;
}
