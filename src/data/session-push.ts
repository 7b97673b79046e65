import Dexie from 'dexie';
import type { PushRequest, PushResponse } from '../domain/sync-api';
import type { KioskDatabase } from './db';
import { getMeta } from './meta';
import type { TransportResult } from './sync-transport';

/** The streams that go up with the signed-in person's session rather than the device's credential. */
export type SessionStream = 'paper' | 'case';

/** Who wrote a waiting item: only their session may send it (the server refuses anyone else's). */
function authorOf(stream: SessionStream, record: unknown): string | undefined {
  const r = record as { by?: string; paper?: { enteredBy?: string } } | undefined;
  return stream === 'case' ? r?.by : r?.paper?.enteredBy;
}

/** Waiting items of a session stream written by this person. */
export async function countOwnWaiting(db: KioskDatabase, stream: SessionStream, userId: string): Promise<number> {
  const pending = await db.outbox.where('[state+stream+id]').between(['pending', stream, Dexie.minKey], ['pending', stream, Dexie.maxKey]).primaryKeys();
  if (pending.length === 0) return 0;
  const payloads = await (stream === 'case' ? db.caseActions : db.ratings).bulkGet(pending);
  return payloads.filter((p) => p && authorOf(stream, p.record) === userId).length;
}

/**
 * Wraps a session stream's push so that it sends only what the signed-in person wrote. A tablet is shared across
 * shifts: what the morning's person left waiting stays pending, unsent, until they sign in again, instead of being
 * refused for good under the afternoon's session. Answers are mapped back to the positions of the whole batch;
 * items not sent stay unanswered, so the engine keeps them pending.
 */
export function pushOwnOnly(
  db: KioskDatabase,
  stream: SessionStream,
  push: (req: PushRequest) => Promise<TransportResult<PushResponse>>,
): (req: PushRequest) => Promise<TransportResult<PushResponse>> {
  return async (req) => {
    const me = await getMeta(db, 'me');
    const positions = req.items.flatMap((r, i) => (me && authorOf(stream, r) === me.id ? [i] : []));
    if (positions.length === req.items.length) return push(req);
    if (positions.length === 0) return { kind: 'auth', status: 401, error: { code: 'NOT_THE_AUTHOR', message: 'these items wait for the person who wrote them' } };
    const answer = await push({ ...req, items: positions.map((i) => req.items[i]) });
    if (answer.kind !== 'ok') return answer;
    return { ...answer, body: { ...answer.body, results: answer.body.results.map((r) => ({ ...r, index: positions[r.index] ?? -1 })) } };
  };
}
