import type { RatingRecord } from '../../../src/domain/rating';
import type { Row } from '../catalog-rows';
import {
  answeredCasesSql, answerSql, answersInTime, cancelOpenSql, checkAgainstInvitation, insertInvitationSql, invitationFromRow,
  invitationValues, kioskInvitation, openInvitationSql, type StoredInvitation,
} from '../invitation-rows';
import type { IngestBatch, InvitationStore } from '../store';
import type { PgDb, PgQueryable } from './pg-db';

const mark = (n: number) => `$${n}`;

/** Rating invitations (一次一评) on PostgreSQL, where several instances write at once. */
export function pgInvitations(db: PgDb): InvitationStore {
  return {
    async createInvitation(inv) {
      await db.tx(async (c) => {
        // Two invitations for one window at once: the second waits, then cancels the first, so one stays open.
        await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('haochaping-invitation:' || $1, 0))`, [inv.windowId]);
        await c.query(cancelOpenSql(mark), [inv.createdAt, inv.windowId, inv.createdAt, inv.id]);
        await c.query(insertInvitationSql(mark), invitationValues(inv));
      });
    },
    async openInvitation(windowId, after, now) {
      const rows = await db.query<Row>(openInvitationSql(mark), [windowId, after ?? '', now]);
      return rows[0] ? invitationFromRow(rows[0]) : null;
    },
    async getInvitation(id) {
      const rows = await db.query<Row>('SELECT * FROM rating_invitations WHERE id = $1', [id]);
      return rows[0] ? invitationFromRow(rows[0]) : null;
    },
    async ratedServiceCaseIds(ids) {
      if (!ids.length) return new Set();
      const rows = await db.query<{ service_case_id: string }>(answeredCasesSql('SELECT unnest($1::text[])'), [ids]);
      return new Set(rows.map((r) => r.service_case_id));
    },
  };
}

/**
 * What insertRatings asks about the ratings of a batch that carry a session id, inside its transaction (see
 * invitation-rows.ts). Reads the batch's invitations once; the ratings' unique session id decides between
 * instances, so `link` runs only for ratings this transaction inserted.
 */
export async function pgInvitationLinks(c: PgQueryable, records: readonly RatingRecord[]) {
  const ids = [...new Set(records.flatMap((r) => (r.sessionId === undefined ? [] : [r.sessionId])))];
  const rows = ids.length ? await c.query<Row>('SELECT * FROM rating_invitations WHERE id = ANY($1::text[])', [ids]) : [];
  const known = new Map<string, StoredInvitation>(rows.map((r) => [r.id, invitationFromRow(r)]));
  return {
    /** Before the insert: does the session id belong to this rating's window and 办件? */
    check: (record: RatingRecord) => (record.sessionId === undefined ? 'ok' : checkAgainstInvitation(record, known.get(record.sessionId) ?? null)),
    /** After the insert, for the ratings it stored: marks their invitations answered, or records the kiosk's own. */
    async link(inserted: readonly RatingRecord[], batch: Pick<IngestBatch, 'deviceId' | 'receivedAt' | 'clockOffsetMs'>) {
      for (const record of inserted) {
        const { sessionId, caseNumber } = record;
        if (sessionId === undefined) continue;
        const inv = known.get(sessionId);
        if (inv) {
          if (answersInTime(inv, record, batch.clockOffsetMs)) await c.query(answerSql(mark), [record.id, batch.receivedAt, sessionId]);
          continue;
        }
        // A session without a 办件编号 is no invitation the kiosk could have made: the rating stands uninvited.
        if (caseNumber === undefined) continue;
        const sc = await c.query<{ id: string; service_item_id: string }>('SELECT id, service_item_id FROM service_cases WHERE unit_id = $1 AND case_no = $2', [record.unitId, caseNumber]);
        const made = kioskInvitation({ ...record, sessionId, caseNumber }, sc[0] ? { id: sc[0].id, serviceItemId: sc[0].service_item_id } : null, batch);
        await c.query(insertInvitationSql(mark, 'ON CONFLICT (id) DO NOTHING'), invitationValues(made));
      }
    },
  };
}
