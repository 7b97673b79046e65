import type Database from 'better-sqlite3';
import { bumpCatalogVersion } from './sqlite-catalog-version';
import type { Role } from '../../../src/domain/roles';
import type { RoleGrantStore } from '../store';
import { grantColumns, grantFromRow } from '../account-rows';
import type { Row } from '../catalog-rows';
import { insertRow } from './patch';

export function sqliteRoleGrants(db: Database.Database): RoleGrantStore {
  const byId = db.prepare('SELECT * FROM role_grants WHERE id = ?');
  const decide = db.prepare("UPDATE role_grants SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'");
  const rolesOf = db.prepare('SELECT roles_json FROM staff WHERE id = ?');
  const setRoles = db.prepare('UPDATE staff SET roles_json = ? WHERE id = ?');
  // The decision and the roles it adds are one transaction, conditional on the grant still pending: two
  // administrators deciding at once cannot both apply it.
  const approve = db.transaction((id: string, by: string, at: number) => {
    const row = byId.get(id) as Row | undefined;
    if (!row || decide.run('approved', by, at, id).changes === 0) return null;
    const grant = grantFromRow(row);
    const oldRoles: Role[] = JSON.parse((rolesOf.get(grant.staffId) as Row).roles_json);
    const newRoles = [...oldRoles, ...grant.roles.filter((r) => !oldRoles.includes(r))];
    // Roles decide who is on a kiosk's roster: the version moves with them.
    bumpCatalogVersion(db, setRoles.run(JSON.stringify(newRoles), grant.staffId).changes);
    return { grant: { ...grant, state: 'approved' as const, decidedBy: by, decidedAt: at }, oldRoles, newRoles };
  });
  return {
    async insertRoleGrant(g) {
      insertRow(db, 'role_grants', grantColumns(g));
    },
    async getRoleGrant(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? grantFromRow(r) : null;
    },
    async listPendingRoleGrants() {
      return (db.prepare("SELECT * FROM role_grants WHERE state = 'pending' ORDER BY requested_at").all() as Row[]).map(grantFromRow);
    },
    async approveRoleGrant(id, by, at) {
      return approve.immediate(id, by, at);
    },
    async refuseRoleGrant(id, by, at) {
      if (decide.run('refused', by, at, id).changes === 0) return null;
      return grantFromRow(byId.get(id) as Row);
    },
  };
}
