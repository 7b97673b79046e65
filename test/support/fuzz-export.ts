import zlib from 'node:zlib';
import { SERVICE_CASE_IMPORT_MAX_BYTES } from '../../src/domain/service-case-import';
import type { Rng } from './fuzz-prng';

/**
 * Fuzzed uploads of a 办件 export (the /admin import route): a CSV of one valid line, then one mutation of its
 * cells, its bytes, its labels or its query. A taken upload writes at most that one 办件 and one audit entry, as
 * the suite's row check expects of an admin route. Never `dryRun=1`: a preview is taken without an audit entry.
 */

const HEADER = ['办件编号', '事项编码', '窗口号', '工号', '受理时间', '办结时间', '申请人类型', '状态'];
const CSV = 'text/csv';
const WEIRD_CELLS = ['', ' ', '"', '""', '="007"', '=1/0', '#DIV/0!', '4.40303E+17', 'a\u0000b', '第一行\n第二行', '\u202e反', '𠀋', 'x'.repeat(5000), '2026-02-30 09:00:00', '-1', '1e999', '办结', 'PERSON', '9'];

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvText = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export interface ExportRequest {
  kind: string;
  body: Buffer;
  type: string | null;
  /** The query after the route's path, e.g. `?unitId=demo-unit&filename=x.csv`. */
  query: string;
  encoding?: string;
}

export function badExport(r: Rng): ExportRequest {
  // Drawn from the seed: a replay makes the same 办件编号 (a second upload of it is 'unchanged', no new row).
  const line = [`FZE-${r.int(1e9)}`, 'DEMO-001', '1', 'D1001', '2026-11-30 09:05:00', '', '个人', '受理'];
  const query = (q: Record<string, string>) => `?${new URLSearchParams(q)}`;
  const base = { type: CSV, query: query({ unitId: 'demo-unit', filename: 'fuzz.csv' }) };
  const text = () => Buffer.from(csvText([HEADER, line]));
  const random = (n: number) => Buffer.from(Array.from({ length: n }, () => r.int(256)));
  const kind = r.pick(['cell', 'cell', 'bytes-flipped', 'truncated', 'random-bytes', 'column-dropped', 'extra-cell', 'zip-garbage', 'ole', 'gbk-garbage', 'content-type', 'gzip', 'too-large', 'query'] as const);
  switch (kind) {
    case 'cell': {
      const at = r.int(line.length);
      line[at] = r.pick(WEIRD_CELLS);
      return { ...base, kind: `cell ${HEADER[at]}`, body: text() };
    }
    case 'bytes-flipped': {
      const body = text();
      for (let k = 1 + r.int(4); k > 0; k--) body[r.int(body.length)] = r.int(256);
      return { ...base, kind, body };
    }
    case 'truncated': {
      const body = text();
      return { ...base, kind, body: body.subarray(0, r.int(body.length)) };
    }
    case 'random-bytes':
      return { ...base, kind, body: random(1 + r.int(3000)) };
    case 'column-dropped': {
      const at = r.int(HEADER.length);
      return { ...base, kind: `${kind} ${HEADER[at]}`, body: Buffer.from(csvText([HEADER.filter((_, i) => i !== at), line.filter((_, i) => i !== at)])) };
    }
    case 'extra-cell':
      return { ...base, kind, body: Buffer.from(csvText([HEADER, [...line, 'oops']])) };
    case 'zip-garbage':
      return { ...base, kind, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: Buffer.concat([Buffer.from('504b0304', 'hex'), random(400)]) };
    case 'ole':
      return { ...base, kind, type: 'application/vnd.ms-excel', body: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), random(200)]) };
    case 'gbk-garbage':
      return { ...base, kind, body: Buffer.concat([text(), Buffer.from(Array.from({ length: 40 }, () => 0x81 + r.int(0x7e)))]) };
    case 'content-type': {
      const type = r.pick(['image/png', 'application/json', 'text/html', 'multipart/form-data; boundary=x', null]);
      return { ...base, kind: `${kind} ${type}`, type, body: text() };
    }
    case 'gzip':
      return { ...base, kind, encoding: r.pick(['gzip', 'br', 'deflate']), body: zlib.gzipSync(text()) };
    case 'too-large':
      return { ...base, kind, body: Buffer.concat([text(), Buffer.alloc(SERVICE_CASE_IMPORT_MAX_BYTES, 0x41)]) };
    case 'query': {
      const q = r.pick<Record<string, string>>([{}, { unitId: 'no-such-unit' }, { unitId: '' }, { unitId: 'demo-unit', dryRun: 'maybe' }, { unitId: 'demo-unit', filename: 'f'.repeat(300) }, { unitId: 'x'.repeat(500) }]);
      return { ...base, kind: `${kind} ${JSON.stringify(q).slice(0, 60)}`, query: query(q), body: text() };
    }
  }
}
