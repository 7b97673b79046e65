// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * Grants of guarded roles (LEAD, SUPERVISION, ADMIN) that wait for a second administrator. A grant is decided
 * once (approved or refused) and kept, so the audit can always be checked against it. One pending grant per
 * account at a time.
 */
export const MIGRATION_9_SQL = `
  CREATE TABLE role_grants (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    roles_json TEXT NOT NULL,
    old_roles_json TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES staff(id),
    requested_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
    decided_by TEXT REFERENCES staff(id),
    decided_at INTEGER
  );
  CREATE UNIQUE INDEX role_grants_one_pending ON role_grants(staff_id) WHERE state = 'pending';
`;
