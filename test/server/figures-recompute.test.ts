import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src/domain/channels';
import type { CaseAction, CaseEvent } from '../../src/domain/case-machine';
import { uuidv7 } from '../../src/domain/ids';
import { LEVEL_KEYS, type LevelKey } from '../../src/domain/levels';
import type { RatingRecord } from '../../src/domain/rating';
import { payloadHash } from '../../sync-server/canonical';
import { buildAttachment2 } from '../../sync-server/figures/attachment2-report';
import { caseOnArrival } from '../../sync-server/store/rules/case-opening';
import type { Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { openDemoStore, tempDir } from '../support/server';

// An independent recomputation (issue 15): a seeded synthetic set goes into the real store through its real writes
// (ratings, defaults and their supersession, paper checks, INVALID marks, case steps); the expected Attachment 2 is
// computed here from the raw seed by a second, deliberately plain implementation, and every cell of every row of
// three months must equal what the store + the counting rules give.

const H = 3_600_000;
const DAY = 24 * H;
/** A China wall-clock time → Unix ms. */
const cst = (s: string) => Date.parse(`${s}+08:00`);
/** After every deadline of the seed but before the special path's own (2026-12-31): the report's instant. */
const GENERATED_AT = cst('2026-12-20T09:00:00');
const SPECIAL_DEADLINE = '2026-12-31';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

const PLACES = [
  { unitId: 'demo-unit', windowId: 'demo-w1', staff: ['demo-s1', 'demo-s2', null] },
  { unitId: 'demo-unit', windowId: 'demo-w2', staff: ['demo-s3', null] },
  { unitId: 'unit-b', windowId: 'b-w1', staff: ['b-s1', 'b-s2'] },
] as const;

/** How a bad review's case is handled, and what each figure then is (written out by hand, not by the case machine). */
type Handling = 'none' | 'fixNowClosed' | 'within5Open' | 'specialApproved' | 'notAdoptedClosed' | 'notAdoptedAwaiting' | 'closedLate';

interface Seeded {
  id: string;
  level: LevelKey;
  channel: Channel;
  ratedAt: number;
  unitId: string;
  windowId: string;
  staffId: string | null;
  caseNo: string | null;
  phone: boolean;
  paperChecked: boolean;
  invalid: boolean;
  superseded: boolean;
  handling: Handling;
}

const BAD: LevelKey[] = ['DISSATISFIED', 'VERY_DISSATISFIED'];

/** The raw seed: uninvited visits of every channel around the month edges, 办件 with 追评, defaults, paper, marks. */
function makeSeed(): Seeded[] {
  const rnd = prng(15);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: Seeded[] = [];
  const base = (at: number, patch: Partial<Seeded> = {}): Seeded => {
    const place = pick(PLACES);
    const level = pick(LEVEL_KEYS);
    return {
      id: uuidv7(at), level, channel: pick(CHANNELS.filter((c) => c !== 'DEFAULT')), ratedAt: at, unitId: place.unitId, windowId: place.windowId,
      staffId: pick(place.staff), caseNo: null, phone: rnd() < 0.6, paperChecked: rnd() < 0.8, invalid: rnd() < 0.05, superseded: false,
      handling: BAD.includes(level) ? pick(['none', 'fixNowClosed', 'within5Open', 'specialApproved', 'notAdoptedClosed', 'notAdoptedAwaiting', 'closedLate'] as const) : 'none',
      ...patch,
    };
  };
  // Uninvited visits from 28 September to 3 November, plus the exact CST midnights of the month edges.
  const start = cst('2026-09-28T00:00:00');
  for (let i = 0; i < 260; i++) out.push(base(start + Math.floor(rnd() * 37 * DAY)));
  for (const edge of ['2026-10-01T00:00:00', '2026-11-01T00:00:00']) {
    out.push(base(cst(edge) - 1), base(cst(edge)));
  }
  // 办件: an assessment 1, some with a 追评 (a few across a month edge), a few rated a third time (refused).
  for (let i = 0; i < 40; i++) {
    const at = cst('2026-10-20T09:00:00') + Math.floor(rnd() * 12 * DAY);
    const caseNo = `BJ-${String(i).padStart(3, '0')}`;
    const first = base(at, { caseNo, channel: pick(['HALL_TABLET', 'QR', 'PHONE'] as const) });
    out.push(first);
    if (i % 2 === 0) out.push(base(at + Math.floor(rnd() * 10 * DAY) + H, { id: uuidv7(at + 1), unitId: first.unitId, windowId: first.windowId, staffId: first.staffId, caseNo, channel: 'PHONE' }));
    if (i % 10 === 0) out.push(base(at + 11 * DAY, { id: uuidv7(at + 2), unitId: first.unitId, windowId: first.windowId, staffId: first.staffId, caseNo, channel: 'QR', invalid: false }));
  }
  // Defaults: standing ones, and ones a citizen rating made before the due instant supersedes.
  for (let i = 0; i < 16; i++) {
    const due = cst('2026-10-09T23:59:59.999') + i * 2 * DAY;
    const place = PLACES[i % PLACES.length]!;
    const caseNo = `DF-${i}`;
    const def = base(due, { unitId: place.unitId, windowId: place.windowId, staffId: place.staff[0], caseNo, channel: 'DEFAULT', level: 'SATISFIED', handling: 'none', invalid: i === 3, superseded: i % 4 === 1 });
    out.push(def);
    if (def.superseded) out.push(base(due - 3 * H, { unitId: def.unitId, windowId: def.windowId, staffId: def.staffId, caseNo, channel: 'QR', invalid: false }));
  }
  return out;
}

/** The case steps of a handling, after the case arrived at `t`. */
/** Who approves a case of this staff member: never the rated person. */
const approverOf = (staffId: string | null) => (staffId === 'demo-s2' ? 'demo-s3' : 'demo-s2');

function steps(h: Handling, phone: boolean, staffId: string | null): CaseAction[] {
  const call: CaseAction[] = phone ? [{ type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }] : [];
  const reply: CaseAction[] = phone ? [{ type: 'REPLY', channel: 'PHONE', text: '已答复' }] : [];
  const approver = approverOf(staffId);
  switch (h) {
    case 'none': return [];
    case 'fixNowClosed': case 'closedLate': return [...call, { type: 'DECIDE', path: 'FIX_NOW' }, { type: 'RECTIFY', what: '已整改' }, ...reply, { type: 'CLOSE' }];
    case 'within5Open': return [...call, { type: 'DECIDE', path: 'FIX_WITHIN_5' }];
    case 'specialApproved': return [...call, { type: 'DECIDE', path: 'SPECIAL', explanation: '需协调', deadline: SPECIAL_DEADLINE }, { type: 'APPROVE' }, { type: 'RECTIFY', what: '已整改' }];
    case 'notAdoptedClosed': return [...call, { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: '录像', approverId: approver }, { type: 'APPROVE' }, ...reply, { type: 'CLOSE' }];
    case 'notAdoptedAwaiting': return [...call, { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '录像', approverId: approver }];
  }
}

/** Writes the seed through the store's own writes, as the server would. */
async function load(store: Store, seed: Seeded[]): Promise<void> {
  const defaults = seed.filter((s) => s.channel === 'DEFAULT');
  await store.insertDefaultRatings(defaults.map((d) => ({ id: d.id, unitId: d.unitId, caseNo: d.caseNo!, windowId: d.windowId, staffId: d.staffId, dueAt: d.ratedAt })), cst('2026-11-10T00:00:00'));
  for (const s of seed.filter((x) => x.channel !== 'DEFAULT')) {
    const record: RatingRecord = {
      id: s.id, v: 1, level: s.level, reasons: BAD.includes(s.level) ? ['ATTITUDE'] : [], channel: s.channel, unitId: s.unitId, windowId: s.windowId,
      ...(s.staffId ? { staffId: s.staffId } : {}), deviceId: 'seed-device', deviceTime: s.ratedAt, locale: 'zh-CN',
      ...(s.caseNo ? { caseNumber: s.caseNo } : {}), ...(s.phone ? { contact: { phone: '13800138000' } } : {}),
      ...(s.channel === 'PAPER' ? { paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-10-10', enteredBy: 'demo-s1', hasPhoto: false } } : {}),
    };
    const receivedAt = s.ratedAt + 60_000;
    await store.insertRatings({ deviceId: 'seed-device', receivedAt, clockOffsetMs: 0, items: [{ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }] });
    if (s.channel === 'PAPER' && s.paperChecked) {
      await store.confirmPaperCheck(s.id, 'demo-s2', receivedAt, BAD.includes(s.level) ? { anonymous: !s.phone } : null);
    }
    const opened = BAD.includes(s.level) && (s.channel !== 'PAPER' || s.paperChecked);
    if (opened) {
      let t = receivedAt + H;
      const actions = steps(s.handling, s.phone, s.staffId);
      for (const [i, action] of actions.entries()) {
        const by = action.type === 'APPROVE' ? approverOf(s.staffId) : 'demo-s1';
        // The late one is closed 20 days after it arrived, past its 5 working days.
        if (s.handling === 'closedLate' && action.type === 'CLOSE') t += 20 * DAY;
        const event: CaseEvent = { id: uuidv7(t), action, by, at: t };
        expect(await store.appendCaseEvents([{ caseId: s.id, expectedEvents: i, event, payloadHash: `h-${event.id}`, closedAt: action.type === 'CLOSE' ? t : null }], t)).toBe(true);
        t += H;
      }
    }
  }
  await store.supersedeDefaultRatings(cst('2026-11-10T00:00:00'));
  for (const s of seed) {
    if (s.invalid) expect(await store.putRatingReview({ ratingId: s.id, verdict: 'INVALID', note: '胁迫', by: 'demo-s3', at: cst('2026-11-20T00:00:00') })).not.toBeNull();
    else if (s.ratedAt % 7 === 0) await store.putRatingReview({ ratingId: s.id, verdict: 'VALID', note: null, by: 'demo-s3', at: cst('2026-11-20T00:00:00') });
  }
}

// ---- The second implementation: plain loops over the raw seed, sharing no code with src/domain/figures. ----

const monthOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms)).slice(0, 7);

function plainPercent(num: number, den: number) {
  return { numerator: num, denominator: den, percent: den === 0 ? null : Number(((num * 100) / den).toFixed(2)) };
}

/** Which seeded ratings count: not superseded, not unchecked paper, not invalid; of a 办件 only its latest assessment. */
function plainCounted(seed: Seeded[]): Set<string> {
  const live = seed.filter((s) => !s.superseded && !(s.channel === 'PAPER' && !s.paperChecked) && !s.invalid);
  const out = new Set(live.filter((s) => s.caseNo === null).map((s) => s.id));
  const caseKeys = new Set(live.filter((s) => s.caseNo !== null).map((s) => `${s.unitId}|${s.caseNo}`));
  for (const key of caseKeys) {
    const list = live.filter((s) => `${s.unitId}|${s.caseNo}` === key).sort((a, b) => a.ratedAt - b.ratedAt);
    const followUp = list[1] && list[1].ratedAt - list[0]!.ratedAt <= 30 * DAY ? list[1] : null;
    out.add((followUp ?? list[0]!).id);
  }
  return out;
}

function plainCase(s: Seeded) {
  const h = s.handling;
  const path = h === 'fixNowClosed' || h === 'closedLate' ? 'FIX_NOW' : h === 'within5Open' ? 'FIX_WITHIN_5' : h === 'specialApproved' ? 'SPECIAL' : h === 'notAdoptedClosed' ? 'NOT_ADOPTED' : null;
  const closed = h === 'fixNowClosed' || h === 'closedLate' || h === 'notAdoptedClosed';
  return {
    path,
    calledBack: h !== 'none' && s.phone,
    rectified: h === 'fixNowClosed' || h === 'closedLate' || h === 'specialApproved',
    replied: closed && s.phone,
    closedOnTime: h === 'fixNowClosed' || h === 'notAdoptedClosed',
    overdue: h === 'none' || h === 'within5Open' || h === 'notAdoptedAwaiting',
  };
}

function plainTable(seed: Seeded[], month: string, unitId: string | null) {
  const counted = plainCounted(seed);
  const inMonth = seed.filter((s) => monthOf(s.ratedAt) === month && (unitId === null || s.unitId === unitId));
  const keys: [string, string | null, string | null, string | null, (s: Seeded) => boolean][] = [['all', null, null, null, () => true]];
  for (const s of inMonth) {
    if (!s.invalid && !counted.has(s.id)) continue;
    if (s.channel === 'PAPER' && !s.paperChecked) continue;
    if (s.superseded) continue;
    const add = (k: (typeof keys)[number]) => { if (!keys.some((x) => x[0] === k[0] && x[1] === k[1] && x[2] === k[2] && x[3] === k[3])) keys.push(k); };
    add(['unit', s.unitId, null, null, (r) => r.unitId === s.unitId]);
    add(['window', s.unitId, s.windowId, null, (r) => r.unitId === s.unitId && r.windowId === s.windowId]);
    if (s.staffId) add(['staff', s.unitId, null, s.staffId, (r) => r.unitId === s.unitId && r.staffId === s.staffId]);
  }
  const rows = keys.map(([scope, u, w, st, belongs]) => {
    const mine = inMonth.filter(belongs);
    const c = mine.filter((s) => counted.has(s.id));
    const bad = c.filter((s) => BAD.includes(s.level));
    const cs = bad.map(plainCase);
    const count = (f: (x: ReturnType<typeof plainCase>) => boolean) => cs.filter(f).length;
    const total = c.length;
    const satisfied = c.filter((s) => !BAD.includes(s.level)).length;
    const notAdopted = count((x) => x.path === 'NOT_ADOPTED');
    const realNameBad = bad.filter((s) => s.phone).length;
    const calledBack = count((x) => x.calledBack);
    const rectified = count((x) => x.rectified);
    const closedOnTime = count((x) => x.closedOnTime);
    return {
      scope, unitId: u, windowId: w, staffId: st, total,
      byLevel: Object.fromEntries(LEVEL_KEYS.map((l) => [l, c.filter((s) => s.level === l).length])),
      byChannel: Object.fromEntries(CHANNELS.map((ch) => [ch, c.filter((s) => s.channel === ch).length])),
      defaults: c.filter((s) => s.channel === 'DEFAULT').length,
      invalid: mine.filter((s) => s.invalid && !s.superseded && !(s.channel === 'PAPER' && !s.paperChecked)).length,
      satisfied, bad: bad.length, badAdopted: bad.length - notAdopted, realNameBad, calledBack, notAdopted,
      byPath: { FIX_NOW: count((x) => x.path === 'FIX_NOW'), FIX_WITHIN_5: count((x) => x.path === 'FIX_WITHIN_5'), SPECIAL: count((x) => x.path === 'SPECIAL'), NOT_ADOPTED: notAdopted },
      rectified, replied: count((x) => x.replied), closedOnTime, overdue: count((x) => x.overdue),
      rates: {
        satisfaction: plainPercent(satisfied, total),
        badRate: plainPercent(bad.length, total),
        badAdoptedRate: plainPercent(bad.length - notAdopted, total - notAdopted),
        callBackRate: plainPercent(calledBack, realNameBad),
        rectificationRate: plainPercent(rectified, bad.length - notAdopted),
        closedOnTimeRate: plainPercent(closedOnTime, bad.length),
      },
    };
  });
  const order = ['all', 'unit', 'window', 'staff'];
  const k = (r: (typeof rows)[number]) => [order.indexOf(r.scope), r.unitId ?? '', r.windowId ?? '', r.staffId ?? ''] as const;
  rows.sort((a, b) => {
    const [x, y] = [k(a), k(b)];
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
  return { month, generatedAt: GENERATED_AT, rows };
}

const stores: [string, () => Promise<Store>][] = [
  ['sqlite', () => openDemoStore(tempDir('figures'))],
  ['postgres', () => openDemoStore(tempDir('figures-pg'), { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_figures') })],
];

afterAll(dropTestSchemas);

for (const [name, open] of stores) {
  describe(`Attachment 2 recomputed independently (${name})`, () => {
    it('matches the plain recomputation in every cell of every row, for three months, all units and one', async () => {
      const seed = makeSeed();
      const store = await open();
      try {
        await load(store, seed);
        // The seed does hold what the rules are about.
        const sawn = plainTable(seed, '2026-10', null).rows[0]!;
        expect(sawn.invalid).toBeGreaterThan(0);
        expect(sawn.defaults).toBeGreaterThan(0);
        expect(sawn.notAdopted).toBeGreaterThan(0);
        expect(Object.values(sawn.byChannel).every((n) => n > 0)).toBe(true);
        expect(Object.values(sawn.byPath).every((n) => n > 0)).toBe(true);
        for (const month of ['2026-09', '2026-10', '2026-11']) {
          for (const unit of [null, 'demo-unit', 'unit-b']) {
            const got = await buildAttachment2(store, month, unit, GENERATED_AT, { followUpWindowDays: 30 });
            expect(got, `${month} ${unit ?? 'all'}`).toEqual(plainTable(seed, month, unit));
          }
        }
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
