import zlib from 'node:zlib';
import { badExport } from './fuzz-export';
import type { Rng } from './fuzz-prng';
import { routePath, type FuzzRoute, type Who } from './fuzz-routes';

/** One fuzzed request, ready to send, and how it was made (printed with its seed when it fails). */
export interface FuzzRequest {
  method: string;
  path: string;
  who: Who;
  headers: Record<string, string>;
  body?: Buffer;
  mutations: string[];
}

/** JSON text written as is: a 10,000-level nesting, a number JSON.stringify cannot write (1e999), a lone surrogate. */
class Raw {
  constructor(readonly text: string) {}
}
/** Extra keys an object is written with after its own: a key twice, or "__proto__" (an assignment would not). */
const EXTRA = Symbol('extra keys');
type Extra = { [EXTRA]?: [string, unknown][] };

/** JSON.stringify with Raw values and extra keys. */
function write(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
  if (v && typeof v === 'object') {
    const pairs = [...Object.entries(v), ...((v as Extra)[EXTRA] ?? [])];
    return `{${pairs.map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
  path: string;
}

/** Every place of a value that holds something (field or array element), for a mutation to pick from. */
function slots(v: unknown, path = '', out: Slot[] = []): Slot[] {
  if (v instanceof Raw || !v || typeof v !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [key, child] of entries) {
    out.push({ parent: v as Container, key, path: `${path}.${key}` });
    slots(child, `${path}.${key}`, out);
  }
  return out;
}

const MB = 1024 * 1024;
const DEPTH = 10_000;
const WRONG_IDS = ['', ' ', 'nowhere', 'demo-w9', 'demo-s999', '../../admin', 'x'.repeat(65), "0' OR '1'='1", '00000000-0000-0000-0000-000000000000', 'ÄÖÜ', '%00', 'demo-unit\u0000'];
const ODD_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x1F', ' 12 ', '١٢', '1_000', '9007199254740993'];
const RAW_NUMBERS = ['1e999', '-1e999', '-0', '1e-400', '9007199254740993', '0.1e1'];
const UNICODE = ['\u202Eevil', '\u0000', '😀'.repeat(50), 'e\u0301\u0301\u0301', 'བཀྲ་ཤིས་བདེ་ལེགས།', '\uFEFF', '\u200B\u200B', '<script>alert(1)</script>'];
const OTHER_TYPES: unknown[] = [0, -1, 1.5, 1e308, true, false, '', 'x', [], {}, null, [[[]]], { a: { b: {} } }];
/** A fresh copy: a shared one would carry one case's extra keys into the next (and could contain itself). */
const otherType = (r: Rng, keep: (t: unknown) => boolean = () => true) => structuredClone(r.pick(OTHER_TYPES.filter(keep)));
const UNKNOWN_KEYS = ['extra', '__proto__', 'constructor', 'toString', 'prototype', '', 'id ', 'ＩＤ'];

const bigString = (r: Rng) => (r.chance(0.5) ? 'x'.repeat(MB) : '界'.repeat(Math.ceil(MB / 3)));
const deep = (r: Rng) => new Raw(r.chance(0.5) ? '['.repeat(DEPTH) + ']'.repeat(DEPTH) : '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));

const KINDS = ['drop', 'duplicate', 'retype', 'deep', 'odd-number', 'raw-number', 'unicode', 'lone-surrogate', 'null', 'array-for-object', 'wrong-id', 'unknown-field'] as const;
// A 1 MB string costs the most time (sent, parsed, checked): half as often as the others, still hundreds a run.
const VALUE_MUTATIONS: readonly ((typeof KINDS)[number] | 'huge')[] = [...KINDS, ...KINDS, 'huge'];

/** Replaces, drops, retypes… the value at one place; the name of what it did. */
function mutateValue(r: Rng, root: unknown): string {
  const all = slots(root);
  if (all.length === 0) return 'nothing-left (an earlier mutation emptied the body)';
  const slot = r.pick(all);
  const { parent, key } = slot;
  const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
  const current = (parent as Record<string | number, unknown>)[key];
  const kind = r.pick(VALUE_MUTATIONS);
  switch (kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(current));
      else ((parent as Extra)[EXTRA] ??= []).push([String(key), otherType(r)]);
      break;
    case 'retype':
      set(otherType(r, (t) => typeof t !== typeof current || Array.isArray(t) !== Array.isArray(current)));
      break;
    case 'huge':
      set(bigString(r));
      break;
    case 'deep':
      set(deep(r));
      break;
    case 'odd-number':
      set(r.pick(ODD_NUMBERS));
      break;
    case 'raw-number':
      set(new Raw(r.pick(RAW_NUMBERS)));
      break;
    case 'unicode':
      set(typeof current === 'string' ? current + r.pick(UNICODE) : r.pick(UNICODE));
      break;
    case 'lone-surrogate':
      set(new Raw(r.pick(['"\\ud800"', '"a\\udfff"', '"\\u0000"', '"\\ud83d\\ude00\\ud83d"'])));
      break;
    case 'null':
      set(null);
      break;
    case 'array-for-object':
      set([current]);
      break;
    case 'wrong-id': {
      // An id-like field when there is one (the path's id is fuzzed apart); else the picked place.
      const ids = all.filter((s) => typeof s.key === 'string' && /(^id$|Id$|^by$|^key$)/.test(s.key));
      const target = ids.length ? r.pick(ids) : slot;
      (target.parent as Record<string | number, unknown>)[target.key] = r.pick(WRONG_IDS);
      return `wrong-id ${target.path}`;
    }
    case 'unknown-field': {
      const objects = [root, ...all.map((s) => (s.parent as Record<string | number, unknown>)[s.key])].filter(
        (o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o) && !(o instanceof Raw),
      );
      const target = r.pick(objects);
      const name = r.pick(UNKNOWN_KEYS);
      ((target as Extra)[EXTRA] ??= []).push([name, otherType(r)]);
      return `unknown-field ${JSON.stringify(name)}`;
    }
  }
  return `${kind} ${slot.path}`;
}

/** Text that is not JSON, or not the JSON the route takes. */
function breakText(r: Rng, text: string): [string, string] {
  const kind = r.pick(['truncated', 'trailing-comma', 'single-quotes', 'empty', 'not-json', 'top-level', 'two-values', 'flipped-char'] as const);
  switch (kind) {
    case 'truncated':
      return [kind, text.slice(0, r.int(Math.max(1, text.length - 1)))];
    case 'trailing-comma':
      return [kind, text.replace(/}$/, ',}')];
    case 'single-quotes':
      return [kind, text.replaceAll('"', "'")];
    case 'empty':
      return [kind, ''];
    case 'not-json':
      return [kind, r.pick(['undefined', 'NaN', '{a:1}', '<xml/>', '\u0000', '{"a":1}}', '[', '"\\x41"'])];
    case 'top-level':
      return [kind, r.pick(['[]', '"x"', '42', 'null', 'true', '[{}]'])];
    case 'two-values':
      return [kind, `${text} ${text}`];
    case 'flipped-char': {
      const at = r.int(text.length);
      return [kind, text.slice(0, at) + r.pick(['{', '}', '[', ']', '"', ',', ':', '\\']) + text.slice(at + 1)];
    }
  }
}

let bomb: Buffer | undefined;
/** 8 MB of JSON in a few KB of gzip: the body limit applies to the inflated bytes. */
const gzipBomb = () => (bomb ??= zlib.gzipSync(`{"deviceId":"${'a'.repeat(8 * MB)}"}`));

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; charset=utf-16', 'image/jpeg', 'application/xml'];
const ENCODINGS = ['br', 'deflate', 'gzip, gzip', 'x-unknown', 'compress'];

/** Image bodies that are not images, or not of their type, or too large. */
function badImage(r: Rng): [string, Buffer, string] {
  const kind = r.pick(['random-bytes', 'png-header-garbage', 'jpeg-header-garbage', 'empty', 'too-large', 'json-as-image', 'wrong-type'] as const);
  const random = (n: number) => Buffer.from(Array.from({ length: n }, () => r.int(256)));
  switch (kind) {
    case 'random-bytes':
      return [kind, random(1 + r.int(2000)), r.pick(['image/jpeg', 'image/png', 'image/webp'])];
    case 'png-header-garbage':
      return [kind, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), random(200)]), 'image/png'];
    case 'jpeg-header-garbage':
      return [kind, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), random(200)]), 'image/jpeg'];
    case 'empty':
      return [kind, Buffer.alloc(0), 'image/jpeg'];
    case 'too-large':
      return [kind, Buffer.alloc(600 * 1024, 0xff), 'image/jpeg'];
    case 'json-as-image':
      return [kind, Buffer.from('{"photo":true}'), 'image/png'];
    case 'wrong-type':
      return [kind, random(100), r.pick(['image/gif', 'image/svg+xml', 'application/octet-stream', 'text/plain'])];
  }
}

/**
 * One fuzzed request for a route, made only from `r`: the valid request (fresh ids), then who sends it, a wrong id
 * in the path, and the body's mutations (fields, then the text, then the transport: gzip, content type).
 */
export function fuzzRequest(r: Rng, route: FuzzRoute, method: string, cookies: Record<Who, string | undefined>): FuzzRequest {
  const mutations: string[] = [];
  const who: Who = r.chance(0.85) ? route.who : r.pick((['none', 'forged', route.kind === 'admin' ? 'staff' : 'admin'] as Who[]).filter((w) => w !== route.who));
  if (who !== route.who) mutations.push(`sender ${who}`);
  let path = routePath(route);
  if (route.params && (route.wrongIdOnly || r.chance(0.15))) {
    const wrong = Object.fromEntries(Object.keys(route.params).map((k) => [k, r.pick(WRONG_IDS.filter(Boolean)) + (r.chance(0.3) ? String(r.int(1e6)) : '')]));
    path = routePath(route, wrong);
    mutations.push(`path-id ${path}`);
  }
  if (r.chance(0.05)) {
    path += r.pick(['/extra', '?limit=abc&before=-1', '?%zz', '//', `?window=${'w'.repeat(5000)}`]);
    mutations.push(`path ${path.slice(0, 80)}`);
  }
  const headers: Record<string, string> = {};
  const cookie = cookies[who];
  // The business system's credential is a bearer token, not a cookie.
  if (cookie?.startsWith('Bearer ')) headers.authorization = cookie;
  else if (cookie) headers.cookie = cookie;
  if (r.chance(0.02)) {
    headers.origin = 'https://evil.example';
    mutations.push('cross-origin');
  }

  if (method === 'GET') return { method, path, who, headers, mutations };
  const made = route.body?.();
  if (made === 'export') {
    const file = badExport(r);
    mutations.push(`export ${file.kind}`);
    const fileHeaders = { ...headers, ...(file.type ? { 'content-type': file.type } : {}), ...(file.encoding ? { 'content-encoding': file.encoding } : {}) };
    return { method, path: path + file.query, who, headers: fileHeaders, body: file.body, mutations };
  }
  if (made === 'image') {
    const [kind, body, type] = badImage(r);
    mutations.push(`image ${kind} (${type})`);
    return { method, path, who, headers: { ...headers, 'content-type': type }, body, mutations };
  }
  // A route without a body (approve, revoke) gets one sometimes; its path id is wrong anyway.
  let value: unknown = made ?? (r.chance(0.3) ? { id: 'x', extra: [1] } : undefined);
  if (value === undefined) return { method, path, who, headers: { ...headers }, mutations };

  const layer = r.next();
  let text: string;
  if (layer < 0.7) {
    const count = 1 + r.int(3);
    for (let i = 0; i < count; i++) mutations.push(mutateValue(r, value));
    text = write(value);
  } else {
    text = write(value);
    if (layer < 0.85) {
      const [kind, broken] = breakText(r, text);
      mutations.push(`text ${kind}`);
      text = broken;
    }
  }
  let body: Buffer = Buffer.from(text, 'utf8');
  headers['content-type'] = 'application/json';
  // A body left whole by the layers above gets a transport mutation, so no request is the valid one unchanged.
  const transport = layer >= 0.85 ? r.next() * 0.25 : r.next();
  if (transport < 0.05) {
    body = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(Array.from({ length: 1 + r.int(300) }, () => r.int(256)))]);
    headers['content-encoding'] = 'gzip';
    mutations.push('gzip-garbage (a gzip header, then random bytes)');
  } else if (transport < 0.08) {
    const gz = zlib.gzipSync(body);
    body = gz.subarray(0, Math.max(10, gz.length - 1 - r.int(8)));
    headers['content-encoding'] = 'gzip';
    mutations.push('gzip-cut (its last bytes missing)');
  } else if (transport < 0.13) {
    body = zlib.gzipSync(r.chance(0.5) ? breakText(r, text)[1] : text);
    headers['content-encoding'] = 'gzip';
    mutations.push('gzip-body (of the body or of broken JSON)');
  } else if (transport < 0.14) {
    body = gzipBomb();
    headers['content-encoding'] = 'gzip';
    mutations.push('gzip-bomb (8 MB inflated)');
  } else if (transport < 0.19) {
    headers['content-type'] = r.pick(CONTENT_TYPES);
    mutations.push(`content-type ${headers['content-type']}`);
  } else if (transport < 0.21) {
    delete headers['content-type'];
    mutations.push('content-type none');
  } else if (transport < 0.24) {
    headers['content-encoding'] = r.pick(ENCODINGS);
    mutations.push(`content-encoding ${headers['content-encoding']}`);
  } else if (transport < 0.25) {
    body = Buffer.concat([body.subarray(0, body.length >> 1), Buffer.from([0xff, 0xfe, 0xc3]), body.subarray(body.length >> 1)]);
    mutations.push('utf8-invalid (bytes 0xff 0xfe 0xc3 inside)');
  }
  return { method, path, who, headers, body, mutations };
}
