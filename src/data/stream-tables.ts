import Dexie, { type Table } from 'dexie';
import type { KioskDatabase, OutboxItem } from './db';
import { STREAMS, type OutboxStream, type StreamBackoffKey, type StreamSpec, type StreamStatusKey } from './streams';

/**
 * Reading the registry (src/data/streams.ts). Kept apart from the declarations so that the registry file holds
 * nothing but the streams, and everything here sees whatever streams the registry holds (a test's included).
 */

/** A row of a payload table: the record the server will get, under its outbox entry's id. */
export interface Payload {
  id: string;
  record: unknown;
  createdAt: number;
}

/** A stream's declaration, with its meta keys typed for getMeta / setMeta. */
export type Stream = StreamSpec & { name: OutboxStream; statusKey: StreamStatusKey; backoffKey: StreamBackoffKey };

export function streamNames(): OutboxStream[] {
  return Object.keys(STREAMS) as OutboxStream[];
}

/**
 * The stream of that name, if this version knows it: an outbox written by a newer version (then downgraded) may
 * hold entries of a stream not declared here.
 */
export function findStream(name: string): Stream | undefined {
  const spec = (STREAMS as Record<string, StreamSpec>)[name];
  return spec ? ({ ...spec, name } as Stream) : undefined;
}

export function stream(name: OutboxStream): Stream {
  const found = findStream(name);
  if (!found) throw new Error(`no sync stream named ${name} in src/data/streams.ts`);
  return found;
}

export function allStreams(): Stream[] {
  return streamNames().map(stream);
}

export function payloadTable(db: KioskDatabase, s: Pick<StreamSpec, 'table'>): Table<Payload, string> {
  return db[s.table] as unknown as Table<Payload, string>;
}

/** The stream's entries in one state, oldest first (ids are time-ordered), from the [state+stream+id] index. */
export function entriesOf(db: KioskDatabase, name: OutboxStream, state: OutboxItem['state']) {
  return db.outbox.where('[state+stream+id]').between([state, name, Dexie.minKey], [state, name, Dexie.maxKey]);
}

/** Waiting items of a stream: for a session stream, with `userId`, only those that person wrote. */
export async function countWaiting(db: KioskDatabase, name: OutboxStream, userId?: string): Promise<number> {
  const s = stream(name);
  if (userId === undefined || !s.authorOf) return entriesOf(db, name, 'pending').count();
  const pending = await entriesOf(db, name, 'pending').primaryKeys();
  if (pending.length === 0) return 0;
  const payloads = await payloadTable(db, s).bulkGet(pending);
  return payloads.filter((p) => p && s.authorOf!(p.record) === userId).length;
}
