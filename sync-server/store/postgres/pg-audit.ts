import type { AuditEntry } from '../../../src/domain/ratings-api';
import { auditColumns, auditFromRow } from '../audit-rows';
import type { Row } from '../catalog-rows';
import type { AuditStore } from '../store';
import type { PgDb } from './pg-db';
import { pgInsertRow } from './pg-patch';

export function pgAudit(db: PgDb): AuditStore {
  return {
    async appendAudit(e) {
      await pgInsertRow(db, 'audit_log', auditColumns(e));
    },
    async listAudit({ before, limit }): Promise<AuditEntry[]> {
      const rows = await db.query<Row>(
        `SELECT a.*, s.name AS actor_name FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
         WHERE a.seq < $1 ORDER BY a.seq DESC LIMIT $2`,
        [before ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return rows.map(auditFromRow);
    },
  };
}
