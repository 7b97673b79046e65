import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { ERROR_CODE_LIST } from '../../src/domain/error-codes';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from './api';
import { fuzzRequest, type FuzzRequest } from './fuzz-mutate';
import { caseSeed, rng } from './fuzz-prng';
import { FUZZ_INVITE_CASE_NO, fuzzRoutes, type FuzzRoute, type Who } from './fuzz-routes';
import { countChanges, rowCounter, type RowCounter } from './fuzz-rows';
import { badRating, DEMO_DEVICE } from './ratings';
import { postJson, startInProcessServer, tempDir, type InProcessServer } from './server';
import { newTestSchema, PG_TEST_URL, dropTestSchemas } from './postgres';

/**
 * 10,000 fuzzed requests to every push route and every admin route of the endpoint table, over one in-process
 * server, 8 at a time: no 5xx, every refusal with a code of src/domain/error-codes.ts, and no row written by a
 * refused request (every table's count is compared around each group of 8 that wrote nothing it was allowed to).
 * A failure prints the run seed and the case number: FUZZ_SEED=<seed> FUZZ_ONLY=<case> replays that one request
 * (the valid request it was made from has fresh ids and times; the mutations are the same).
 */
const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000);
const GROUP = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 0x13f022);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODE_LIST);

interface Outcome {
  status: number;
  /** Items (push) or requests (admin) the server took: their rows are allowed. */
  accepted: number;
  /** What is wrong with the answer; undefined when it is a 2xx or a refusal with its code. */
  problem?: string;
  code?: string;
  /** The codes of a push answer's refused items. */
  itemCodes?: string[];
}

/** Sends one request and judges its answer. */
async function send(baseUrl: string, req: FuzzRequest, route: FuzzRoute): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined });
  } catch (err) {
    return { status: 0, accepted: 0, problem: `no answer: ${String(err)}` };
  }
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const status = res.status;
  const shown = `${status} ${text.slice(0, 300)}`;
  if (status >= 500) return { status, accepted: 0, problem: `5xx: ${shown}` };
  if (status >= 400) {
    const code = body?.error?.code;
    if (typeof code !== 'string' || typeof body.error.message !== 'string') return { status, accepted: 0, problem: `refusal without {error:{code,message}}: ${shown}` };
    if (!KNOWN_CODES.has(code)) return { status, accepted: 0, problem: `code not in error-codes.ts: ${shown}`, code };
    return { status, accepted: 0, code };
  }
  if (status < 200 || status >= 300) return { status, accepted: 0, problem: `neither 2xx nor 4xx: ${shown}` };
  // Only the batch routes inflate gzip; a body in another coding was read as plain JSON before (endpoint.ts).
  const encoding = req.headers['content-encoding'];
  if (encoding && (encoding !== 'gzip' || route.kind !== 'push')) return { status, accepted: 0, problem: `a body in content-encoding ${encoding} was taken: ${shown}` };
  if (req.method === 'GET') return { status, accepted: 0 };
  if (route.kind !== 'push') return { status, accepted: 1 };
  if (!Array.isArray(body?.results)) return { status, accepted: 0, problem: `push answer without results: ${shown}` };
  let accepted = 0;
  const itemCodes: string[] = [];
  for (const item of body.results) {
    // 办件 answer added (a new row), updated or unchanged (no new row) instead of accepted or duplicate.
    if (item.status === 'accepted' || item.status === 'added') accepted++;
    else if (!['duplicate', 'updated', 'unchanged'].includes(item.status) && !KNOWN_CODES.has(item.error?.code)) return { status, accepted, problem: `item refused without a known code: ${JSON.stringify(item)}` };
    else if (item.error) itemCodes.push(item.error.code);
  }
  return { status, accepted, itemCodes };
}

/**
 * Why a group's row changes are more than what its taken requests explain, or undefined: each taken push item is
 * one row of its stream's table (a bad rating may also open a case), each saved admin change one or two audit
 * entries and at most one row of its table; no other table changes and no row vanishes.
 */
function unexplainedChanges(changes: Record<string, number>, taken: { route: FuzzRoute; accepted: number }[]): string | undefined {
  const allowed = new Map<string, [number, number]>();
  const allow = (table: string, min: number, max: number) => {
    const [a, b] = allowed.get(table) ?? [0, 0];
    allowed.set(table, [a + min, b + max]);
  };
  for (const { route, accepted } of taken) {
    if (accepted === 0) continue;
    if (route.kind === 'admin') {
      if (!route.unaudited) allow('audit_log', 1, 2);
      for (const t of route.writes ?? []) allow(t, 0, 1);
    } else if (route.kind === 'public') {
      for (const t of route.writes ?? []) allow(t, 0, 1);
    } else {
      const [primary, ...others] = route.writes ?? [];
      allow(primary, accepted, accepted);
      for (const t of others) allow(t, 0, accepted);
    }
  }
  for (const [table, delta] of Object.entries(changes)) {
    const [min, max] = allowed.get(table) ?? [0, 0];
    if (delta < min || delta > max) return `${table} changed by ${delta}, the taken requests explain ${min}…${max}`;
  }
  for (const [table, [min]] of allowed) if (min > 0 && !(table in changes)) return `${table} unchanged, the taken requests add ${min}`;
  return undefined;
}

const describeRequest = (req: FuzzRequest) =>
  `${req.method} ${req.path.slice(0, 120)} as ${req.who} [${req.mutations.join('; ')}] headers ${JSON.stringify({ ...req.headers, cookie: undefined })} body ${req.body ? JSON.stringify(req.body.subarray(0, 200).toString('utf8')) + ` (${req.body.length} bytes)` : 'none'}`;

/** The route fuzz on one store: SQLite (a data folder) or PostgreSQL (a schema of its own). */
export function describeRouteFuzz(store: 'sqlite' | 'postgres') {
  let srv: InProcessServer;
  let rows: RowCounter;
  let routes: FuzzRoute[];
  const cookies: Record<Who, string | undefined> = { admin: undefined, staff: undefined, lead: undefined, none: undefined, forged: 'hcp_session=forged-00000000000000000000', system: undefined };

  beforeAll(async () => {
    // PostgreSQL: its own schema; the counts read through a second connection like SQLite's read-only one.
    const env = store === 'postgres' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_fuzz') } : {};
    srv = await startInProcessServer({ env, dataDir: tempDir('fuzz') });
    [cookies.admin, cookies.staff, cookies.lead] = await Promise.all([signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN), signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF), signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD)]);
    // The business system's token for the 办件 batches.
    const made = await api(srv.baseUrl, 'POST', API.createSystemToken.path, { cookie: cookies.admin, body: { unitId: 'demo-unit', name: '模糊测试' } });
    expect(made.status).toBe(201);
    cookies.system = `Bearer ${made.body.token}`;
    // A bad rating opens the case the case steps are fuzzed on.
    const bad = badRating({ staffId: 'demo-s1' });
    expect((await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad] })).status).toBe(200);
    // A 办件 of 李明 the invitation routes invite for.
    const invited = await api(srv.baseUrl, 'POST', API.pushServiceCases.path, {
      headers: { authorization: cookies.system },
      body: { items: [{ caseNo: FUZZ_INVITE_CASE_NO, serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', applicantType: 'PERSON', acceptedAt: Date.now(), status: 'ACCEPTED' }] },
    });
    expect(invited.status).toBe(200);
    // A 办件 and its phone rating link (the link's row is made here, not by the fuzz).
    const [phoneCase] = await srv.store.upsertServiceCases([{ caseNo: 'FZ-PHONE-1', serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', applicantType: 'PERSON', acceptedAt: Date.now() - 60_000, finishedAt: null, status: 'ACCEPTED', source: 'API' }], Date.now());
    const phone = await srv.store.ratingLink({ kind: 'SERVICE_CASE', unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId: phoneCase.id, createdAt: Date.now(), createdBy: 'demo-s1' });
    routes = fuzzRoutes(bad.id, invited.body.results[0].id, phone.token);
    rows = await rowCounter(srv.dataDir, env);
  });
  afterAll(async () => {
    await rows?.close();
    await srv?.close();
    await dropTestSchemas();
  });

  describe(`fuzzed requests to every push and admin route (${store})`, () => {
    it(`${ONLY === undefined ? TOTAL : 1} requests: no 5xx, each refusal with its code, no row written by a refusal`, { timeout: 240_000 }, async () => {
      const started = Date.now();
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      const codes = new Map<string, number>();
      const itemCodes = new Map<string, number>();
      const kinds = new Map<string, number>();
      let acceptedRequests = 0;
      let checkedGroups = 0;
      let writingGroups = 0;
      const cases = ONLY === undefined ? Array.from({ length: TOTAL }, (_, i) => i) : [ONLY];

      for (let g = 0; g < cases.length; g += GROUP) {
        const batch = cases.slice(g, g + GROUP).map((i) => {
          const route = routes[i % routes.length];
          const req = fuzzRequest(rng(caseSeed(SEED, i)), route, API[route.name].method, cookies);
          for (const m of req.mutations) kinds.set(m.split(' ')[0], (kinds.get(m.split(' ')[0]) ?? 0) + 1);
          return { i, route, req };
        });
        const before = await rows.counts();
        const outcomes = await Promise.all(batch.map(({ req, route }) => send(srv.baseUrl, req, route)));
        const after = await rows.counts();
        let accepted = 0;
        outcomes.forEach((o, k) => {
          statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
          if (o.code) codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
          for (const c of o.itemCodes ?? []) itemCodes.set(c, (itemCodes.get(c) ?? 0) + 1);
          accepted += o.accepted;
          if (o.accepted > 0) acceptedRequests++;
          if (o.problem) failures.push(`seed ${SEED} case ${batch[k].i} (${batch[k].route.name}): ${o.problem}\n  ${describeRequest(batch[k].req)}`);
        });
        const changes = countChanges(before, after);
        if (accepted === 0) {
          checkedGroups++;
          if (Object.keys(changes).length > 0) {
            failures.push(`seed ${SEED} cases ${batch[0].i}–${batch.at(-1)!.i}: refused requests wrote rows ${JSON.stringify(changes)}\n  ${batch.map((b) => describeRequest(b.req)).join('\n  ')}`);
          }
        } else {
          writingGroups++;
          const unexplained = unexplainedChanges(
            changes,
            batch.map((b, k) => ({ route: b.route, accepted: outcomes[k].accepted })),
          );
          if (unexplained) failures.push(`seed ${SEED} cases ${batch[0].i}–${batch.at(-1)!.i}: ${unexplained} ${JSON.stringify(changes)}\n  ${batch.map((b) => describeRequest(b.req)).join('\n  ')}`);
        }
        if (failures.length >= 20) break;
      }
      const seconds = (Date.now() - started) / 1000;
      console.info(
        `fuzz: ${cases.length} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `codes ${JSON.stringify(Object.fromEntries(codes))}; refused push items ${JSON.stringify(Object.fromEntries(itemCodes))}; mutations ${JSON.stringify(Object.fromEntries(kinds))}; ` +
          `${acceptedRequests} requests took something; ${checkedGroups} groups compared, ${writingGroups} with writes`,
      );
      expect(failures, failures.join('\n')).toEqual([]);
      // The fuzz still reached past sign-in at its end: no mutation signed the admin out or locked the account.
      expect((await fetch(srv.baseUrl + API.adminCatalog.path, { headers: { cookie: cookies.admin! } })).status).toBe(200);
      expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    });

    // Found by the fuzz (seed 0x13f022): a JSON body declared `content-encoding: br` was read as plain JSON and taken.
    it('refuses a body in a coding the route does not decode (415), instead of reading it as plain JSON', async () => {
      const before = await rows.counts();
      for (const encoding of ['br', 'deflate', 'gzip', 'gzip, gzip']) {
        const res = await fetch(srv.baseUrl + API.createReason.path, {
          method: 'POST',
          headers: { cookie: cookies.admin!, 'content-type': 'application/json', 'content-encoding': encoding },
          body: JSON.stringify({ key: 'FZ_ENCODED', label: { 'zh-CN': '编码', en: 'coded', bo: 'coded' } }),
        });
        expect({ encoding, status: res.status, body: await res.json() }).toMatchObject({ encoding, status: 415, body: { error: { code: 'UNSUPPORTED_CONTENT_ENCODING' } } });
      }
      expect(countChanges(before, await rows.counts())).toEqual({});
    });
  });
}
