import { EventEmitter } from 'node:events';
import type { CaseOpened } from '../../src/domain/case-live';

/**
 * What a notifier tells its subscribers: a case was opened (by this instance or, with PostgreSQL, any other), or
 * `missed`: notices may have been lost (the database connection that carries them was down), so every listener
 * should look again.
 */
export type CaseNotice = { kind: 'opened'; event: CaseOpened } | { kind: 'missed' };
export type CaseListener = (notice: CaseNotice) => void;

/**
 * Tells every server instance that a case was opened, after the transaction that opened it committed. A notice is
 * a hint, never the record: a lost one only delays the tablet until its summary poll (the case is in the store).
 */
export interface CaseNotifier {
  /** Sends the notice to every subscriber of every instance; resolves once it left (never rejects: logged). */
  publish(event: CaseOpened): Promise<void>;
  /** Listens until the returned function is called. A listener that throws does not stop the others. */
  subscribe(listener: CaseListener): () => void;
  close(): Promise<void>;
}

/** Calls each listener apart, so one that throws neither stops the others nor reaches the publisher. */
export function deliver(listeners: Iterable<CaseListener>, notice: CaseNotice, onError: (err: unknown) => void) {
  for (const listener of listeners) {
    try {
      listener(notice);
    } catch (err) {
      onError(err);
    }
  }
}

/**
 * One process (SQLite, one instance): notices go through an EventEmitter, delivered on the next turn of the event
 * loop so the publishing request never runs its listeners' work.
 */
export class InProcessCaseNotifier implements CaseNotifier {
  private readonly emitter = new EventEmitter();
  private readonly listeners = new Set<CaseListener>();

  constructor(private readonly onError: (err: unknown) => void = () => {}) {
    this.emitter.on('notice', (notice: CaseNotice) => deliver([...this.listeners], notice, this.onError));
  }

  async publish(event: CaseOpened): Promise<void> {
    setImmediate(() => this.emitter.emit('notice', { kind: 'opened', event } satisfies CaseNotice));
  }

  subscribe(listener: CaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/** The notice a stored rating's new case gives: where it belongs, nothing of what was said or who said it. */
export function caseOpenedBy(rating: { id: string; windowId: string; staffId?: string | null; unitId: string }): CaseOpened {
  return { caseId: rating.id, windowId: rating.windowId, staffId: rating.staffId ?? null, unitId: rating.unitId };
}
