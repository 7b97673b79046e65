import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { PendingRoleGrant, StaffSaveResult } from '../../src/domain/admin-api';
import { guardedRolesAdded, type Role } from '../../src/domain/roles';
import { audit } from '../auth/audit';
import { newId } from '../crypto/tokens';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const GrantParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(80)) });
const manage = { config: { access: 'catalog.manage' as const } };

/**
 * Whether a grant to `staffId` by `actorId` must wait: only when some other active administrator, neither the
 * one granting nor the one receiving, could check it. With a single administrator it applies at once (logged).
 */
async function needsSecondAdmin(store: Store, actorId: string, staffId: string): Promise<boolean> {
  const { staff } = await store.loadCatalog();
  return staff.some((s) => s.active && s.roles.includes('ADMIN') && s.id !== actorId && s.id !== staffId);
}

/**
 * Splits a role change into what applies now and what waits: taking roles away and adding unguarded ones apply
 * now; guarded roles added wait as one pending grant when a second administrator is there to decide it.
 */
export async function planRoleChange(
  store: Store,
  actorId: string,
  staffId: string,
  oldRoles: readonly Role[],
  requested: readonly Role[],
): Promise<{ applyNow: Role[]; waiting: Role[] }> {
  const added = guardedRolesAdded(oldRoles, requested);
  if (added.length === 0 || !(await needsSecondAdmin(store, actorId, staffId))) return { applyNow: [...requested], waiting: [] };
  if ((await store.listPendingRoleGrants()).some((g) => g.staffId === staffId)) {
    throw new ClientError(409, 'GRANT_PENDING', 'a grant of roles to this account already waits for a second administrator; decide it first');
  }
  return { applyNow: requested.filter((r) => !added.includes(r)), waiting: added };
}

/** Stores the waiting part of a role change and logs it; answers what the staff routes send back. */
export async function recordWaitingGrant(
  store: Store,
  request: FastifyRequest,
  staffId: string,
  oldRoles: readonly Role[],
  requested: readonly Role[],
  waiting: Role[],
): Promise<StaffSaveResult['pendingGrant']> {
  if (waiting.length === 0) return null;
  const id = newId('grant');
  await store.insertRoleGrant({ id, staffId, roles: waiting, oldRoles: [...oldRoles], requestedBy: request.actor!.id, requestedAt: Date.now() });
  await audit(store, request, 'account.roles-grant-requested', { type: 'staff', id: staffId }, { grantId: id, oldRoles, newRoles: requested, waiting });
  return { id, roles: waiting };
}

/** The pending grants, and their approval or refusal by another administrator from their own session. */
export function adminRoleGrantRoutes(app: FastifyInstance, store: Store) {
  route(app, API.roleGrants, manage, async (_request, reply): Promise<{ grants: PendingRoleGrant[] }> => {
    reply.header('cache-control', 'no-store');
    const [pending, { staff }] = await Promise.all([store.listPendingRoleGrants(), store.loadCatalog()]);
    const person = (id: string) => staff.find((s) => s.id === id);
    return {
      grants: pending.map((g) => ({
        id: g.id,
        staffId: g.staffId,
        staffName: person(g.staffId)?.name ?? g.staffId,
        employeeNo: person(g.staffId)?.employeeNo ?? '',
        roles: g.roles,
        oldRoles: g.oldRoles,
        requestedBy: g.requestedBy,
        requestedByName: person(g.requestedBy)?.name ?? null,
        requestedAt: g.requestedAt })) };
  });

  const pendingGrant = async (request: FastifyRequest) => {
    const { id } = parseOr400(GrantParam, request.params);
    const grant = await store.getRoleGrant(id);
    if (!grant) throw new ClientError(404, 'NOT_FOUND', `role grant ${id} does not exist`);
    if (grant.state !== 'pending') throw new ClientError(409, 'GRANT_DECIDED', `role grant ${id} was ${grant.state} already`);
    return grant;
  };

  route(app, API.approveRoleGrant, manage, async (request) => {
    const actor = request.actor!;
    const grant = await pendingGrant(request);
    if (grant.requestedBy === actor.id) throw new ClientError(403, 'GRANT_NEEDS_ANOTHER_ADMIN', 'another administrator must approve a grant you asked for');
    if (grant.staffId === actor.id) throw new ClientError(400, 'CANNOT_CHANGE_OWN_ROLES', 'nobody approves roles for themselves');
    const outcome = await store.approveRoleGrant(grant.id, actor.id, Date.now());
    if (!outcome) throw new ClientError(409, 'GRANT_DECIDED', `role grant ${grant.id} was decided meanwhile`);
    await audit(store, request, 'account.roles-grant-approved', { type: 'staff', id: grant.staffId }, {
      grantId: grant.id, requestedBy: grant.requestedBy, oldRoles: outcome.oldRoles, newRoles: outcome.newRoles });
    return { roles: outcome.newRoles };
  });

  // Refusing is open to any administrator, the one who asked included: withdrawing a grant gives no one anything.
  route(app, API.refuseRoleGrant, manage, async (request) => {
    const grant = await pendingGrant(request);
    if (!(await store.refuseRoleGrant(grant.id, request.actor!.id, Date.now()))) throw new ClientError(409, 'GRANT_DECIDED', `role grant ${grant.id} was decided meanwhile`);
    await audit(store, request, 'account.roles-grant-refused', { type: 'staff', id: grant.staffId }, { grantId: grant.id, requestedBy: grant.requestedBy, roles: grant.roles });
    return { refused: true };
  });
}
