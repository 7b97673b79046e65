import type Database from 'better-sqlite3';
import type { RatingRecord } from '../../../src/domain/rating';
import type { Row } from '../catalog-rows';
import {
  answeredCasesSql, answerSql, answersInTime, cancelOpenSql, checkAgainstInvitation, insertInvitationSql, invitationFromRow,
  invitationValues, kioskInvitation, openInvitationSql, type InvitationCheck,
} from '../invitation-rows';
import type { IngestBatch, InvitationStore } from '../store';

const q = () => '?';

/** Rating invitations (一次一评) on SQLite: one writer at a time, so each transaction sees every earlier one. */
export function sqliteInvitations(db: Database.Database): InvitationStore {
  const insert = db.prepare(insertInvitationSql(q));
  const cancelOpen = db.prepare(cancelOpenSql(q));
  const open = db.prepare(openInvitationSql(q));
  const byId = db.prepare('SELECT * FROM rating_invitations WHERE id = ?');
  return {
    async createInvitation(inv) {
      db.transaction(() => {
        cancelOpen.run(inv.createdAt, inv.windowId, inv.createdAt, inv.id);
        insert.run(...invitationValues(inv));
      }).immediate();
    },
    async openInvitation(windowId, after, now) {
      const row = open.get(windowId, after ?? '', now) as Row | undefined;
      return row ? invitationFromRow(row) : null;
    },
    async getInvitation(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? invitationFromRow(row) : null;
    },
    async ratedServiceCaseIds(ids) {
      const rated = new Set<string>();
      // In chunks below SQLite's limit on bound parameters.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        for (const id of db.prepare(answeredCasesSql(chunk.map(q).join(','))).pluck().all(...chunk) as string[]) rated.add(id);
      }
      return rated;
    },
  };
}

/** What insertRatings asks about a rating with a session id, inside its own transaction (see invitation-rows.ts). */
export interface SqliteInvitationLinks {
  /** Before the insert: does the session id belong to this rating's window and 办件? */
  check(record: RatingRecord): InvitationCheck;
  /** After the rating was inserted: marks its invitation answered (shown in time), or records the kiosk's own. */
  link(record: RatingRecord, batch: Pick<IngestBatch, 'deviceId' | 'receivedAt' | 'clockOffsetMs'>): void;
}

export function sqliteInvitationLinks(db: Database.Database): SqliteInvitationLinks {
  const byId = db.prepare('SELECT * FROM rating_invitations WHERE id = ?');
  const answer = db.prepare(answerSql(q));
  const insertKiosk = db.prepare(insertInvitationSql(q, 'ON CONFLICT (id) DO NOTHING'));
  const serviceCase = db.prepare('SELECT id, service_item_id FROM service_cases WHERE unit_id = ? AND case_no = ?');
  const find = (id: string) => {
    const row = byId.get(id) as Row | undefined;
    return row ? invitationFromRow(row) : null;
  };
  return {
    check(record) {
      return record.sessionId === undefined ? 'ok' : checkAgainstInvitation(record, find(record.sessionId));
    },
    link(record, batch) {
      const { sessionId, caseNumber } = record;
      if (sessionId === undefined) return;
      const inv = find(sessionId);
      if (inv) {
        if (answersInTime(inv, record, batch.clockOffsetMs)) answer.run(record.id, batch.receivedAt, sessionId);
        return;
      }
      // A session without a 办件编号 is no invitation the kiosk could have made: the rating stands uninvited.
      if (caseNumber === undefined) return;
      const known = serviceCase.get(record.unitId, caseNumber) as { id: string; service_item_id: string } | undefined;
      const made = kioskInvitation({ ...record, sessionId, caseNumber }, known ? { id: known.id, serviceItemId: known.service_item_id } : null, batch);
      insertKiosk.run(...invitationValues(made));
    },
  };
}
