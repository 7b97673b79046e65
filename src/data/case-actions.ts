import { CaseActionRecordSchema, CaseChangesSchema, type CaseActionRecord, type CaseChanges, type CaseListResponse } from '../domain/case-api';
import type { PushResponse } from '../domain/sync-api';
import type { KioskDatabase } from './db';
import { getMeta, setMeta } from './meta';
import { readCachedCases } from './session-cache';

/**
 * Records an action on a case like a rating: in IndexedDB with its outbox entry, in one strict transaction, so
 * it survives a reload or a lost network and reaches the server once.
 */
export async function queueCaseAction(db: KioskDatabase, record: CaseActionRecord, now = Date.now()): Promise<void> {
  const valid = CaseActionRecordSchema.parse(record);
  await db.transaction('rw', db.caseActions, db.outbox, async () => {
    await db.caseActions.add({ id: valid.id, record: valid, createdAt: now });
    await db.outbox.add({ id: valid.id, stream: 'case', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
}

export interface LocalCaseAction {
  record: CaseActionRecord;
  state: 'pending' | 'conflict' | 'dead';
  error?: { code: string; message: string };
}

/** Actions taken here that the server has not acknowledged yet: shown on their cases, conflicts included. */
export async function localCaseActions(db: KioskDatabase): Promise<LocalCaseAction[]> {
  const actions = await db.caseActions.toArray(); // primary-key order: ids are time-ordered
  const outbox = await db.outbox.bulkGet(actions.map((a) => a.id));
  return actions.flatMap((a, i) => {
    const item = outbox[i];
    return item ? [{ record: a.record, state: item.state, error: item.lastError }] : [];
  });
}

/** The person has read why an action was refused: it leaves the tablet (the server never took it). */
export async function discardCaseAction(db: KioskDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.caseActions, db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (item?.state === 'pending') return; // still on its way: not the person's to drop
    await db.outbox.delete(id);
    await db.caseActions.delete(id);
  });
}

/** The cached list with a push answer's changes applied; `stale` when a change does not fit the copy held. */
export function withCaseChanges(response: CaseListResponse, changes: CaseChanges): { response: CaseListResponse; stale: boolean } {
  const byCase = new Map(changes.cases.map((c) => [c.caseId, c]));
  let stale = false;
  const cases = response.cases.map((view) => {
    const change = byCase.get(view.facts.id);
    if (!change) return view;
    byCase.delete(view.facts.id);
    // Events only ever append: the copy's first `from` are the server's too. A copy with fewer misses some.
    if (view.events.length < change.from) {
      stale = true;
      return view;
    }
    return { ...view, events: [...view.events.slice(0, change.from), ...change.events] };
  });
  // A case this copy does not hold (it arrived after the list was fetched) comes with the next download.
  if (byCase.size > 0) stale = true;
  const known = new Set(response.refs.staff.map((s) => s.id));
  const staff = [...response.refs.staff, ...changes.staff.filter((s) => !known.has(s.id))];
  return { response: { ...response, cases, refs: { ...response.refs, staff } }, stale };
}

/**
 * Applies what a case push changed to the list this person holds (the engine's `onAnswer` for the case stream),
 * so a step shows as the server took it without downloading the whole list again. An answer without changes
 * (from a server before them) or one that does not fit marks the copy stale: the list is then downloaded again.
 */
export async function applyCaseChanges(db: KioskDatabase, answer: PushResponse): Promise<void> {
  const changes = CaseChangesSchema.safeParse(answer.changes);
  try {
    await db.transaction('rw', db.meta, async () => {
      const [cached, me] = [await getMeta(db, 'casesCache'), await getMeta(db, 'me')];
      if (!cached || !me || cached.userId !== me.id) return;
      if (!changes.success) return setMeta(db, 'casesCache', { ...cached, stale: true });
      const next = withCaseChanges(cached.response, changes.data);
      await setMeta(db, 'casesCache', { ...cached, response: next.response, stale: cached.stale || next.stale });
    });
  } catch (err) {
    // The steps themselves are acknowledged regardless; the list is then downloaded again when next shown.
    console.warn('case changes not applied', err);
  }
}

/**
 * After a step was pushed: whether the list must be downloaded to show it. Not when the answer came and was
 * applied; yes when the step still waits (no network: the list says how old its copy is) or the copy is stale.
 */
export async function caseListNeedsReload(db: KioskDatabase, actionId: string, userId: string): Promise<boolean> {
  if ((await db.outbox.get(actionId))?.state === 'pending') return true;
  const cached = await readCachedCases(db, userId);
  return !cached || cached.stale === true;
}
