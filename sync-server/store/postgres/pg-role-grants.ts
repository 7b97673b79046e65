import type { Role } from '../../../src/domain/roles';
import type { RoleGrantStore, StoredRoleGrant } from '../store';
import { grantColumns, grantFromRow } from '../account-rows';
import type { Row } from '../catalog-rows';
import type { PgDb, PgQueryable } from './pg-db';
import { bumpCatalogVersion } from './pg-catalog-version';
import { pgInsertRow } from './pg-patch';

/** The grant, locked to the end of the transaction, if it is still pending: a second decision waits, then finds it decided. */
async function lockPending(c: PgQueryable, id: string): Promise<StoredRoleGrant | null> {
  const [row] = await c.query<Row>('SELECT * FROM role_grants WHERE id = $1 FOR UPDATE', [id]);
  return row && row.state === 'pending' ? grantFromRow(row) : null;
}

async function markDecided(c: PgQueryable, grant: StoredRoleGrant, state: 'approved' | 'refused', by: string, at: number): Promise<StoredRoleGrant> {
  await c.query('UPDATE role_grants SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4', [state, by, at, grant.id]);
  return { ...grant, state, decidedBy: by, decidedAt: at };
}

export function pgRoleGrants(db: PgDb): RoleGrantStore {
  return {
    async insertRoleGrant(g) {
      // One pending grant per person: the partial unique index role_grants_one_pending refuses a second.
      await pgInsertRow(db, 'role_grants', grantColumns(g));
    },
    async getRoleGrant(id) {
      const [r] = await db.query<Row>('SELECT * FROM role_grants WHERE id = $1', [id]);
      return r ? grantFromRow(r) : null;
    },
    async listPendingRoleGrants() {
      return (await db.query<Row>("SELECT * FROM role_grants WHERE state = 'pending' ORDER BY requested_at")).map(grantFromRow);
    },
    async approveRoleGrant(id, by, at) {
      // The decision and the roles it adds are one transaction: two administrators deciding at once cannot both
      // apply it, and the account's row lock keeps an edit of its roles meanwhile from being overwritten.
      return db.tx(async (c) => {
        const pending = await lockPending(c, id);
        if (!pending) return null;
        const grant = await markDecided(c, pending, 'approved', by, at);
        const [account] = await c.query<Row>('SELECT roles_json FROM staff WHERE id = $1 FOR UPDATE', [grant.staffId]);
        const oldRoles: Role[] = JSON.parse(account.roles_json);
        const newRoles = [...oldRoles, ...grant.roles.filter((r) => !oldRoles.includes(r))];
        const written = await c.query('UPDATE staff SET roles_json = $1 WHERE id = $2 RETURNING 1', [JSON.stringify(newRoles), grant.staffId]);
        // Roles decide who is on a kiosk's roster: the version moves with them.
        await bumpCatalogVersion(c, written.length);
        return { grant, oldRoles, newRoles };
      });
    },
    async refuseRoleGrant(id, by, at) {
      return db.tx(async (c) => {
        const pending = await lockPending(c, id);
        return pending ? markDecided(c, pending, 'refused', by, at) : null;
      });
    },
  };
}
