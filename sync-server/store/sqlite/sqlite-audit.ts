import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../src/domain/ratings-api';
import type { AuditStore } from '../store';

type Row = Record<string, any>;

export function sqliteAudit(db: Database.Database): AuditStore {
  const insert = db.prepare('INSERT INTO audit_log (at, actor_id, action, target_type, target_id, detail_json, ip) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    async appendAudit(e) {
      insert.run(e.at, e.actorId, e.action, e.targetType, e.targetId, e.detail ? JSON.stringify(e.detail) : null, e.ip);
    },
    async listAudit({ before, limit }): Promise<AuditEntry[]> {
      const rows = db
        .prepare(
          `SELECT a.*, s.name AS actor_name FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
           WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
        )
        .all(before ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
      return rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        detail: r.detail_json ? JSON.parse(r.detail_json) : null,
        ip: r.ip,
      }));
    },
  };
}
