import type { AuditEntry } from '../../src/domain/ratings-api';
import type { Row } from './catalog-rows';
import type { Columns } from './sql-build';
import type { AuditInput } from './store';

/* The audit log as columns and back, shared by every SQL store. */

export const auditColumns = (e: AuditInput): Columns => ({
  at: e.at, actor_id: e.actorId, action: e.action, target_type: e.targetType, target_id: e.targetId,
  detail_json: e.detail ? JSON.stringify(e.detail) : null, ip: e.ip,
});

/** A row joined with its actor's name (`actor_name`: null when the actor is the system or gone). */
export const auditFromRow = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name ?? null,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  detail: r.detail_json ? JSON.parse(r.detail_json) : null,
  ip: r.ip,
});
