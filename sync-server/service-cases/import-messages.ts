/**
 * The problems an 办件 (service case) export file can have, each with a Chinese and an English message for the
 * command line (import-cases-cli.ts). The /admin upload words them in the reader's language from the locale files
 * instead (admin `serviceCaseImport.problems.CODE`), by `code` and `params`.
 */
export type ImportProblemCode =
  // the whole file
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'XLSX_UNREADABLE'
  | 'BAD_ENCODING'
  | 'CSV_UNTERMINATED_QUOTE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'UNKNOWN_COLUMN'
  // one row
  | 'EXTRA_CELLS'
  | 'CSV_TEXT_AFTER_QUOTE'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'CONTROL_CHARACTER'
  | 'CELL_ERROR'
  | 'NUMBER_LOST_DIGITS'
  | 'DATE_NOT_TEXT'
  | 'BAD_TIME'
  | 'UNKNOWN_STATUS'
  | 'UNKNOWN_APPLICANT_TYPE'
  | 'FINISHED_AT_REQUIRED'
  | 'FINISHED_AT_NOT_ALLOWED'
  | 'FINISHED_BEFORE_ACCEPTED'
  | 'DUPLICATE_SUPERSEDED'
  | 'DUPLICATE_REPLACES';

export interface ImportProblemParams {
  column?: string;
  value?: string;
  line?: number;
  lines?: number[];
  limit?: number;
}

export interface ImportProblem {
  /** The column as its header reads in the file, so the person finds it. */
  column?: string;
  code: ImportProblemCode;
  /** What the messages are made of (the value already shortened), for a reader that words them itself. */
  params: ImportProblemParams;
  /** English. */
  message: string;
  messageZh: string;
}

type Texts = { en: (p: ImportProblemParams) => string; zh: (p: ImportProblemParams) => string };

const STATUSES_EN = 'ACCEPTED, IN_PROGRESS, FINISHED or NOT_ACCEPTED (受理, 办理中, 办结, 不予受理)';
const STATUSES_ZH = '受理、办理中、办结或不予受理（或 ACCEPTED、IN_PROGRESS、FINISHED、NOT_ACCEPTED）';

const MESSAGES: Record<ImportProblemCode, Texts> = {
  EMPTY_FILE: { en: () => 'The file is empty.', zh: () => '文件是空的。' },
  UNSUPPORTED_FORMAT: {
    en: () => 'This is an old Excel (.xls) file or another binary format: save it as .xlsx or CSV.',
    zh: () => '这是旧版 Excel（.xls）或其他二进制格式：请另存为 .xlsx 或 CSV。',
  },
  BAD_ENCODING: {
    en: () => 'The file starts with a UTF-8 mark but holds bytes that are not UTF-8: export it again.',
    zh: () => '文件标明为 UTF-8 编码，但含有非 UTF-8 的字节：请重新导出。',
  },
  XLSX_UNREADABLE: { en: (p) => `The .xlsx file cannot be read (${p.value}).`, zh: (p) => `无法读取该 .xlsx 文件（${p.value}）。` },
  CSV_UNTERMINATED_QUOTE: {
    en: (p) => `A quoted value that starts on line ${p.line} is never closed: the rest of the file cannot be read.`,
    zh: (p) => `第 ${p.line} 行开始的带引号内容没有结束引号，其后的内容无法读取。`,
  },
  MISSING_COLUMN: { en: (p) => `The column ${p.column} is missing.`, zh: (p) => `缺少列“${p.column}”。` },
  DUPLICATE_COLUMN: { en: (p) => `The column ${p.column} appears twice.`, zh: (p) => `列“${p.column}”出现了两次。` },
  UNKNOWN_COLUMN: { en: (p) => `The column "${p.column}" is not used and was ignored.`, zh: (p) => `列“${p.column}”不属于办件数据，已忽略。` },
  EXTRA_CELLS: {
    en: () => 'This line has more values than the header has columns (an unquoted comma?): it is refused so no value lands in the wrong column.',
    zh: () => '该行的值比表头的列多（可能有未加引号的逗号），为免数据错列，整行不予导入。',
  },
  CSV_TEXT_AFTER_QUOTE: {
    en: (p) => `Text follows a closing quote in ${p.column}.`,
    zh: (p) => `“${p.column}”中结束引号后还有文字。`,
  },
  REQUIRED: { en: (p) => `${p.column} is empty.`, zh: (p) => `“${p.column}”为空。` },
  TOO_LONG: { en: (p) => `${p.column} is longer than ${p.limit} characters.`, zh: (p) => `“${p.column}”超过 ${p.limit} 个字符。` },
  CONTROL_CHARACTER: { en: (p) => `${p.column} holds a line break or another control character.`, zh: (p) => `“${p.column}”含有换行或其他控制字符。` },
  CELL_ERROR: { en: (p) => `${p.column} is an Excel error (${p.value}).`, zh: (p) => `“${p.column}”是 Excel 错误值（${p.value}）。` },
  NUMBER_LOST_DIGITS: {
    en: (p) => `${p.column} was stored by Excel as a number and has lost digits (${p.value}): format the column as text and export again.`,
    zh: (p) => `“${p.column}”被 Excel 存成了数字，已丢失位数（${p.value}）：请将该列设为文本格式后重新导出。`,
  },
  DATE_NOT_TEXT: { en: (p) => `${p.column} is a date cell, but a text is expected.`, zh: (p) => `“${p.column}”是日期单元格，此处应为文本。` },
  BAD_TIME: {
    en: (p) => `${p.column} "${p.value}" is not a time: write YYYY-MM-DD HH:mm:ss (China time) or ISO 8601.`,
    zh: (p) => `“${p.column}”的值“${p.value}”不是有效时间，应为 YYYY-MM-DD HH:mm:ss（北京时间）或 ISO 8601。`,
  },
  UNKNOWN_STATUS: {
    en: (p) => `Status "${p.value}" is unknown: use ${STATUSES_EN}.`,
    zh: (p) => `状态“${p.value}”无法识别，应为${STATUSES_ZH}。`,
  },
  UNKNOWN_APPLICANT_TYPE: {
    en: (p) => `Applicant type "${p.value}" is unknown: use PERSON or LEGAL_PERSON (个人, 法人).`,
    zh: (p) => `申请人类型“${p.value}”无法识别，应为个人或法人（或 PERSON、LEGAL_PERSON）。`,
  },
  FINISHED_AT_REQUIRED: { en: () => 'A finished 办件 (service case, 办结) needs its finish time.', zh: () => '状态为办结的办件必须填写办结时间。' },
  FINISHED_AT_NOT_ALLOWED: {
    en: (p) => `A 办件 (service case) that is ${p.value} has no finish time yet: leave it empty.`,
    zh: (p) => `状态为${p.value}的办件尚未办结，办结时间应为空。`,
  },
  FINISHED_BEFORE_ACCEPTED: { en: () => 'The finish time is before the time the 办件 (service case) was accepted.', zh: () => '办结时间早于受理时间。' },
  DUPLICATE_SUPERSEDED: {
    en: (p) => `The same 办件编号 appears again on line ${p.line}: that later line is used, this one is not.`,
    zh: (p) => `同一办件编号在第 ${p.line} 行再次出现：以后面那一行为准，本行不导入。`,
  },
  DUPLICATE_REPLACES: {
    en: (p) => `This 办件编号 also appears on line(s) ${p.lines?.join(', ')}: this later line is used.`,
    zh: (p) => `该办件编号也出现在第 ${p.lines?.join('、')} 行：以本行为准。`,
  },
};

/** Long values are cut in messages: a message names the value, it does not reproduce a paragraph. */
function shorten(value: string | undefined): string | undefined {
  return value !== undefined && value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

export function importProblem(code: ImportProblemCode, params: ImportProblemParams = {}): ImportProblem {
  const p = { ...params, value: shorten(params.value) };
  const texts = MESSAGES[code];
  const given = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as ImportProblemParams;
  return { ...(p.column !== undefined ? { column: p.column } : {}), code, params: given, message: texts.en(p), messageZh: texts.zh(p) };
}

/** Every code, for a check that each reader (the /admin upload's locale files) words them all. */
export const IMPORT_PROBLEM_CODES = Object.keys(MESSAGES) as ImportProblemCode[];
