/**
 * CSV as halls' business systems and Chinese Excel write it: the bytes decoded (UTF-8 with or without BOM,
 * UTF-16 with BOM, else GB18030, the superset of the GBK that Chinese Excel writes by default), then split into
 * records by RFC 4180 (quoted fields, "" inside quotes, CRLF / LF / CR, line breaks inside quotes).
 * Own parser rather than a package: ~80 lines, and the import needs each record's first physical line to name it
 * to a person, and a lenient reading (a stray quote inside an unquoted field is text, as Excel reads it).
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface CsvRecord {
  /** The file line the record starts on (a text editor's line number; the header is line 1). */
  line: number;
  cells: string[];
  /** Indexes of cells where text followed the closing quote (`"a"b`): kept as read, reported by the importer. */
  textAfterQuote: number[];
}

export interface CsvParse {
  records: CsvRecord[];
  /** Set when a quoted field is never closed: everything from that line on is unreadable. */
  unterminatedQuoteLine?: number;
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  // A BOM declares UTF-8: bytes that are not UTF-8 after it are a broken file, not GBK (throws, the caller refuses).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    // Real GBK Chinese text is practically never valid UTF-8 (its lead and trail bytes break UTF-8's patterns).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Comma, unless the header line has tabs and no comma (Excel's "Unicode text" is tab-separated UTF-16). */
export function detectDelimiter(text: string): ',' | '\t' {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): CsvParse {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const record: CsvRecord = { line, cells: [], textAfterQuote: [] };
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0) return { records, unterminatedQuoteLine: quoteLine };
          const part = text.slice(i, close);
          cell += part;
          line += countLineBreaks(part);
          if (text[close + 1] === '"') {
            cell += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        const rest = readUnquoted(text, i, delimiter);
        if (rest.end > i) record.textAfterQuote.push(record.cells.length);
        cell += text.slice(i, rest.end);
        i = rest.end;
      } else {
        const rest = readUnquoted(text, i, delimiter);
        cell = text.slice(i, rest.end);
        i = rest.end;
      }
      record.cells.push(cell);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      if (i < n) {
        // A line break ends the record: CRLF, LF or a lone CR.
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
      }
      break;
    }
    records.push(record);
  }
  return { records };
}

function readUnquoted(text: string, from: number, delimiter: string): { end: number } {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === delimiter || c === '\n' || c === '\r') break;
    i++;
  }
  return { end: i };
}
