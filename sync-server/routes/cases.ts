import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CASE_PATHS, CaseActionRecordSchema, type CaseListResponse, type CaseSummary } from '../../src/domain/case-api';
import { caseStatus } from '../../src/domain/case-deadlines';
import { DEFAULT_CASE_RULES, intakeRefusal, type CaseRules } from '../../src/domain/case-intake';
import { applyAction, replay, type CaseEvent } from '../../src/domain/case-machine';
import { makeCalendar } from '../../src/domain/workdays';
import { inScope, mayApproveCase, mayTakeCaseAction, ratingScope, type Actor } from '../../src/domain/roles';
import { scrubCaseAction } from '../../src/domain/scrub';
import { PushRequestSchema, type PushItemResult } from '../../src/domain/sync-api';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { payloadHash } from '../canonical';
import { ClientError } from '../errors';
import type { CaseEventAppend, Catalog, StoredCase, Store } from '../store/store';
import { inflateGzip, sendMaybeGzipped } from './push-ratings';
import { toListItem } from './ratings';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const MAX_ATTEMPTS = 3;

function scopeOf(actor: Actor) {
  const scope = ratingScope(actor);
  if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no cases are in your scope');
  return scope;
}

/** The approver a "not adopted" decision names must be active and pass the one rule of roles.ts (`mayApproveCase`). */
function mayApprove(catalog: Catalog, approverId: string, facts: { staffId: string | null; windowId: string }): boolean {
  const s = catalog.staff.find((x) => x.id === approverId && x.active);
  return !!s && mayApproveCase(s, facts);
}

type Planned = CaseEventAppend;

/** Closed cases stay on the tablets' lists this long, for reference and for supervision to reopen. */
export const CLOSED_CASES_LISTED_MS = 30 * 86_400_000;

async function applyBatch(store: Store, request: FastifyRequest, items: unknown[], rules: CaseRules, now: number): Promise<{ results: PushItemResult[]; planned: Planned[] }> {
  const actor = request.actor!;
  const scope = scopeOf(actor);
  const catalog = await store.loadCatalog();
  const cases = new Map<string, { stored: StoredCase; pending: CaseEvent[] } | null>();
  const seenInBatch = new Map<string, string>();
  const results: PushItemResult[] = [];
  const planned: Planned[] = [];
  const invalid = (index: number, id: string | null, code: string, message: string): PushItemResult => ({ index, id, status: 'invalid', error: { code, message } });

  for (let index = 0; index < items.length; index++) {
    const parsed = CaseActionRecordSchema.safeParse(items[index]);
    const rawId = (items[index] as { id?: unknown } | null)?.id;
    if (!parsed.success) {
      results.push(invalid(index, typeof rawId === 'string' ? rawId : null, ERROR_CODES.validation, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
      continue;
    }
    const item = parsed.data;
    const hash = payloadHash(item as never);
    const stored = seenInBatch.get(item.id) ?? (await store.findCaseEvent(item.id))?.payloadHash;
    if (stored !== undefined) {
      results.push(stored === hash ? { index, id: item.id, status: 'duplicate' } : { index, id: item.id, status: 'conflict', error: { code: ERROR_CODES.idConflict, message: 'this action id is stored with different content' } });
      continue;
    }
    if (item.by !== actor.id) {
      results.push(invalid(index, item.id, 'BY_MISMATCH', 'an action is sent by the person who took it'));
      continue;
    }
    if (!cases.has(item.caseId)) {
      const found = await store.getCase(item.caseId);
      cases.set(item.caseId, found && inScope(scope, found.facts) ? { stored: found, pending: [] } : null);
    }
    const entry = cases.get(item.caseId);
    if (!entry) {
      results.push(invalid(index, item.id, 'NOT_FOUND', 'no such case in your scope'));
      continue;
    }
    if (!mayTakeCaseAction(actor, item.action.type)) {
      results.push(invalid(index, item.id, 'FORBIDDEN', `your roles do not allow ${item.action.type}`));
      continue;
    }
    const { facts } = entry.stored;
    if (item.action.type === 'DECIDE' && item.action.path === 'NOT_ADOPTED' && !mayApprove(catalog, item.action.approverId, facts)) {
      results.push(invalid(index, item.id, 'APPROVER_NOT_ALLOWED', "the approver must be this window's lead or supervision"));
      continue;
    }
    // Approving is the approver's own step: the lead of the case's window or supervision (the machine then
    // checks a "not adopted" decision is approved by the very person it names).
    if ((item.action.type === 'APPROVE' || item.action.type === 'REFUSE_APPROVAL') && !mayApproveCase(actor, facts)) {
      results.push(invalid(index, item.id, 'APPROVER_NOT_ALLOWED', "only this window's lead or supervision approves, never the person rated"));
      continue;
    }
    // The step's time is the tablet's word: it must lie between the case's arrival and the server's clock.
    const late = intakeRefusal(facts, { id: item.id, action: item.action, by: item.by, at: item.at }, now, rules);
    if (late) {
      results.push(invalid(index, item.id, late, `not accepted: ${late}`));
      continue;
    }
    const state = replay(facts, [...entry.stored.events, ...entry.pending]);
    const event: CaseEvent = { id: item.id, action: item.action, by: item.by, at: item.at };
    const outcome = applyAction(facts, state, event);
    if (!outcome.ok) {
      // Refused on a case that moved on since the tablet saw it: someone else acted first; kept aside, not lost.
      results.push(
        item.baseVersion < state.version
          ? { index, id: item.id, status: 'conflict', error: { code: 'CASE_CHANGED', message: `the case changed meanwhile (${outcome.refusal})` } }
          : invalid(index, item.id, outcome.refusal, `not allowed now: ${outcome.refusal}`),
      );
      continue;
    }
    const closedAt = outcome.state.stage === 'CLOSED' ? event.at : null;
    planned.push({ caseId: item.caseId, expectedEvents: entry.stored.events.length + entry.pending.length, event, payloadHash: hash, closedAt });
    entry.pending.push(event);
    seenInBatch.set(item.id, hash);
    results.push({ index, id: item.id, status: 'accepted' });
  }
  return { results, planned };
}

/** How long an overdue count is reused: deadlines fall at the end of a day, and every tablet polls every 8 s. */
const OVERDUE_COUNT_TTL_MS = 30_000;

export function caseRoutes(app: FastifyInstance, store: Store, caseRules: Partial<CaseRules> = {}) {
  const rules: CaseRules = { ...DEFAULT_CASE_RULES, ...caseRules };
  const overdueCache = new Map<string, { at: number; overdue: number }>();
  const overdueCount = async (scope: ReturnType<typeof scopeOf>) => {
    const key = JSON.stringify(scope);
    const now = Date.now();
    const cached = overdueCache.get(key);
    if (cached && now - cached.at >= 0 && now - cached.at < OVERDUE_COUNT_TTL_MS) return cached.overdue;
    // Only the open cases are replayed: closed ones cannot be overdue.
    const open = await store.listCases(scope, { closedSince: Number.MAX_SAFE_INTEGER });
    const calendar = makeCalendar(await store.listCalendarYears());
    const overdue = open.filter((c) => caseStatus(c.facts, replay(c.facts, c.events), calendar, now).overdue.length > 0).length;
    overdueCache.set(key, { at: now, overdue });
    return overdue;
  };

  route(app, API.cases, { config: { access: 'cases.read' } }, async (request, reply) => {
    const actor = request.actor!;
    const cases = await store.listCases(scopeOf(actor), { closedSince: Date.now() - CLOSED_CASES_LISTED_MS });
    const catalog = await store.loadCatalog();
    const ratings = new Map((await store.getRatings(cases.map((c) => c.facts.id))).map((r) => [r.id, r]));
    const windowIds = new Set(cases.map((c) => c.facts.windowId));
    const staffIds = new Set(cases.flatMap((c) => [c.facts.staffId, ...c.events.map((e) => e.by)]));
    const body: CaseListResponse = {
      // A case is opened in the transaction that stores its rating: every case has one.
      // Step texts are free text like a comment: phone and ID numbers masked in the list.
      cases: cases.map((c) => ({ facts: c.facts, events: c.events.map(({ payloadHash: _h, ...e }) => ({ ...e, action: scrubCaseAction(e.action) })), rating: toListItem(ratings.get(c.facts.id)!, actor) })),
      refs: {
        reasons: catalog.reasons,
        windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
        staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })),
      },
      calendar: await store.listCalendarYears(),
      // The same rule as the check: whoever may approve at least one listed case; the form narrows it per case.
      approvers: catalog.staff
        .filter((s) => s.active && cases.some((c) => mayApproveCase(s, c.facts)))
        .map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo, roles: [...s.roles], windowId: s.windowId })),
      rules,
      serverTime: Date.now(),
    };
    return sendMaybeGzipped(request, reply, body);
  });

  route(app, API.caseSummary, { config: { access: 'cases.read' } }, async (request, reply): Promise<CaseSummary> => {
    const scope = scopeOf(request.actor!);
    const counts = await store.caseCounts(scope);
    reply.header('cache-control', 'no-store');
    if (counts.open === 0) return { ...counts, overdue: 0 };
    return { ...counts, overdue: await overdueCount(scope) };
  });

  // Tablets gzip batches over 1 KiB (two steps, or one long reply): inflated like the rating routes' bodies.
  app.post(CASE_PATHS.push, { config: { access: 'cases.act' }, preParsing: async (request, _reply, payload) => inflateGzip(request, payload) }, async (request) => {
    const envelope = PushRequestSchema.safeParse(request.body);
    if (!envelope.success) throw new ClientError(400, ERROR_CODES.validation, envelope.error.issues[0].message);
    // The envelope is the one kiosks use; its "ratings" here are case actions.
    for (let attempt = 1; ; attempt++) {
      const receivedAt = Date.now();
      const { results, planned } = await applyBatch(store, request, envelope.data.ratings, rules, receivedAt);
      // The receive time is stored with each event: reports go by the server's clock, not the tablet's.
      if (planned.length === 0 || (await store.appendCaseEvents(planned, receivedAt))) return { serverTime: Date.now(), results };
      if (attempt === MAX_ATTEMPTS) throw new ClientError(503, 'BUSY', 'the cases changed while this batch was applied; try again');
    }
  });
}
