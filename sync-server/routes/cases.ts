import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CaseActionRecordSchema, type CaseActionRecord, type CaseChanges, type CaseListResponse, type CaseSummary, type CaseView } from '../../src/domain/case-api';
import { caseStatus } from '../../src/domain/case-deadlines';
import { DEFAULT_CASE_RULES, intakeRefusal, type CaseRules } from '../../src/domain/case-intake';
import { applyAction, replay, type CaseEvent } from '../../src/domain/case-machine';
import { makeCalendar } from '../../src/domain/workdays';
import { inScope, mayApproveCase, mayTakeCaseAction, ratingScope, type Actor } from '../../src/domain/roles';
import { scrubCaseAction } from '../../src/domain/scrub';
import type { ErrorCode } from '../../src/domain/error-codes';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { payloadHash } from '../canonical';
import { ClientError } from '../errors';
import { registerBatchRoute, type ItemOutcome, type ValidItem } from '../batch-route';
import { sendMaybeGzipped } from '../http-gzip';
import type { CaseEventAppend, Catalog, StoredCase, StoredCaseEvent, Store } from '../store/store';
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

/** Where a step of the batch touched a case the person may see: from which position its events are answered. */
type Touched = Map<string, number>;

function touch(touched: Touched, item: CaseActionRecord) {
  touched.set(item.caseId, Math.min(touched.get(item.caseId) ?? item.baseVersion, item.baseVersion));
}

async function applyBatch(store: Store, request: FastifyRequest, items: ValidItem<CaseActionRecord>[], rules: CaseRules, now: number): Promise<{ outcomes: ItemOutcome[]; planned: Planned[]; touched: Touched }> {
  const actor = request.actor!;
  const scope = scopeOf(actor);
  const catalog = await store.loadCatalog();
  const cases = new Map<string, { stored: StoredCase; pending: CaseEvent[] } | null>();
  const caseInScope = async (caseId: string) => {
    if (!cases.has(caseId)) {
      const found = await store.getCase(caseId);
      cases.set(caseId, found && inScope(scope, found.facts) ? { stored: found, pending: [] } : null);
    }
    return cases.get(caseId)!;
  };
  const seenInBatch = new Map<string, string>();
  const outcomes: ItemOutcome[] = [];
  const planned: Planned[] = [];
  const touched: Touched = new Map();
  const invalid = (code: ErrorCode, message: string): ItemOutcome => ({ status: 'invalid', error: { code, message } });

  for (const { value: item } of items) {
    const hash = payloadHash(item as never);
    const stored = seenInBatch.get(item.id) ?? (await store.findCaseEvent(item.id))?.payloadHash;
    if (stored !== undefined) {
      // A replay (its first answer lost): the tablet still needs what changed, if the case is its to see.
      if (stored === hash && (await caseInScope(item.caseId))) touch(touched, item);
      outcomes.push(stored === hash ? { status: 'duplicate' } : { status: 'conflict', error: { code: ERROR_CODES.idConflict, message: 'this action id is stored with different content' } });
      continue;
    }
    if (item.by !== actor.id) {
      outcomes.push(invalid('BY_MISMATCH', 'an action is sent by the person who took it'));
      continue;
    }
    const entry = await caseInScope(item.caseId);
    if (!entry) {
      outcomes.push(invalid('NOT_FOUND', 'no such case in your scope'));
      continue;
    }
    if (!mayTakeCaseAction(actor, item.action.type)) {
      outcomes.push(invalid('FORBIDDEN', `your roles do not allow ${item.action.type}`));
      continue;
    }
    const { facts } = entry.stored;
    if (item.action.type === 'DECIDE' && item.action.path === 'NOT_ADOPTED' && !mayApprove(catalog, item.action.approverId, facts)) {
      outcomes.push(invalid('APPROVER_NOT_ALLOWED', "the approver must be this window's lead or supervision"));
      continue;
    }
    // Approving is the approver's own step: the lead of the case's window or supervision (the machine then
    // checks a "not adopted" decision is approved by the very person it names).
    if ((item.action.type === 'APPROVE' || item.action.type === 'REFUSE_APPROVAL') && !mayApproveCase(actor, facts)) {
      outcomes.push(invalid('APPROVER_NOT_ALLOWED', "only this window's lead or supervision approves, never the person rated"));
      continue;
    }
    // The step's time is the tablet's word: it must lie between the case's arrival and the server's clock.
    const late = intakeRefusal(facts, { id: item.id, action: item.action, by: item.by, at: item.at }, now, rules);
    if (late) {
      outcomes.push(invalid(late, `not accepted: ${late}`));
      continue;
    }
    const state = replay(facts, [...entry.stored.events, ...entry.pending]);
    const event: CaseEvent = { id: item.id, action: item.action, by: item.by, at: item.at };
    const outcome = applyAction(facts, state, event);
    if (!outcome.ok) {
      // Refused on a case that moved on since the tablet saw it: someone else acted first; kept aside, not lost.
      // The answer then brings the case as it stands, so the person sees what moved it on.
      if (item.baseVersion < state.version) touch(touched, item);
      outcomes.push(
        item.baseVersion < state.version
          ? { status: 'conflict', error: { code: 'CASE_CHANGED', message: `the case changed meanwhile (${outcome.refusal})` } }
          : invalid(outcome.refusal, `not allowed now: ${outcome.refusal}`),
      );
      continue;
    }
    const closedAt = outcome.state.stage === 'CLOSED' ? event.at : null;
    planned.push({ caseId: item.caseId, expectedEvents: entry.stored.events.length + entry.pending.length, event, payloadHash: hash, closedAt });
    entry.pending.push(event);
    seenInBatch.set(item.id, hash);
    touch(touched, item);
    outcomes.push({ status: 'accepted' });
  }
  return { outcomes, planned, touched };
}

/** Events as lists show them: without the stored hash, their texts masked like a comment. */
const eventView = ({ payloadHash: _h, ...e }: StoredCaseEvent): CaseView['events'][number] => ({ ...e, action: scrubCaseAction(e.action) });

/** After the batch is committed: the touched cases' events from where the tablet's steps were taken on. */
async function changesOf(store: Store, touched: Touched): Promise<CaseChanges> {
  const cases: CaseChanges['cases'] = [];
  for (const [caseId, from] of touched) {
    const found = await store.getCase(caseId);
    // A step counts the events the tablet held plus its own still waiting: never past the case's end.
    const start = Math.min(from, found?.events.length ?? 0);
    if (found) cases.push({ caseId, from: start, events: found.events.slice(start).map(eventView) });
  }
  const authors = new Set(cases.flatMap((c) => c.events.map((e) => e.by)));
  const staff = (await store.loadCatalog()).staff.filter((s) => authors.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo }));
  return { cases, staff };
}

/**
 * How long an overdue count is reused: deadlines fall at the end of a day, and every tablet polls every 8 s.
 *
 * A cache per instance, on purpose (issue 13): it holds nothing that is not in the store, only saves replaying the
 * open cases. It is keyed by the scope *and* the counts the summary reads anyway (open cases, newest case), so a
 * new case or a closed one is seen at once by every instance, whichever took it; what may lag, by at most this
 * long and on one instance as on several, is a deadline passing or a step that changes a deadline.
 */
const OVERDUE_COUNT_TTL_MS = 30_000;

export function caseRoutes(app: FastifyInstance, store: Store, caseRules: Partial<CaseRules> = {}) {
  const rules: CaseRules = { ...DEFAULT_CASE_RULES, ...caseRules };
  // One entry per scope (as many as there are windows and units), valid only for the counts it was made with.
  const overdueCache = new Map<string, { at: number; overdue: number; counts: string }>();
  const overdueCount = async (scope: ReturnType<typeof scopeOf>, caseCounts: { open: number; latestReceivedAt: number | null }) => {
    const key = JSON.stringify(scope);
    const counts = `${caseCounts.open}/${caseCounts.latestReceivedAt}`;
    const now = Date.now();
    const cached = overdueCache.get(key);
    if (cached && cached.counts === counts && now - cached.at >= 0 && now - cached.at < OVERDUE_COUNT_TTL_MS) return cached.overdue;
    // Only the open cases are replayed: closed ones cannot be overdue.
    const open = await store.listCases(scope, { closedSince: Number.MAX_SAFE_INTEGER });
    const calendar = makeCalendar(await store.listCalendarYears());
    const overdue = open.filter((c) => caseStatus(c.facts, replay(c.facts, c.events), calendar, now).overdue.length > 0).length;
    overdueCache.set(key, { at: now, overdue, counts });
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
      cases: cases.map((c) => ({ facts: c.facts, events: c.events.map(eventView), rating: toListItem(ratings.get(c.facts.id)!, actor) })),
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
    return { ...counts, overdue: await overdueCount(scope, counts) };
  });

  // Tablets gzip batches over 1 KiB (two steps, or one long reply): the batch route inflates them like any push.
  registerBatchRoute<CaseActionRecord, { changes: CaseChanges }>(app, {
    path: API.pushCaseActions.path,
    access: 'cases.act',
    itemSchema: CaseActionRecordSchema,
    apply: async (items, { request }) => {
      for (let attempt = 1; ; attempt++) {
        const receivedAt = Date.now();
        const { outcomes, planned, touched } = await applyBatch(store, request, items, rules, receivedAt);
        // The receive time is stored with each event: reports go by the server's clock, not the tablet's.
        if (planned.length === 0 || (await store.appendCaseEvents(planned, receivedAt))) return { outcomes, answer: { changes: await changesOf(store, touched) } };
        if (attempt === MAX_ATTEMPTS) throw new ClientError(503, 'BUSY', 'the cases changed while this batch was applied; try again');
      }
    },
  });
}
