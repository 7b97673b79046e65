import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../src/domain/ratings-api';
import { auditColumns, auditFromRow } from '../audit-rows';
import type { Row } from '../catalog-rows';
import type { AuditStore } from '../store';
import { insertRow } from './patch';

export function sqliteAudit(db: Database.Database): AuditStore {
  return {
    async appendAudit(e) {
      insertRow(db, 'audit_log', auditColumns(e));
    },
    async listAudit({ before, limit }): Promise<AuditEntry[]> {
      const rows = db
        .prepare(
          `SELECT a.*, s.name AS actor_name FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
           WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
        )
        .all(before ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
      return rows.map(auditFromRow);
    },
  };
}
