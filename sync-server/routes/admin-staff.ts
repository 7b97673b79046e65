import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { MAX_PHOTO_BYTES } from '../../src/domain/admin-api';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import { audit } from '../auth/audit';
import { hashPassword } from '../crypto/passwords';
import { newId } from '../crypto/tokens';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { isImageOfType, PHOTO_TYPES } from '../image-check';
import { parseOr400 } from '../validate';
import { requireUnit, requireWindowOfUnit } from './admin-catalog';
import { staffPhotoUrl } from './staff-photo';
import { refuseWeakPassword } from './auth';
import { planRoleChange, recordWaitingGrant } from './admin-role-grants';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const IdParam = z.object({ id: CatalogIdSchema });
const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));
const manage = { config: { access: 'catalog.manage' as const } };

/** Staff accounts: created with a first password the person must change; photos resized on the admin's device. */
export function adminStaffRoutes(app: FastifyInstance, store: Store) {
  route(app, API.createStaff, manage, async (request, reply) => {
    const input = parseOr400(API.createStaff.request, request.body);
    const catalog = await store.loadCatalog();
    requireUnit(catalog, input.unitId);
    requireWindowOfUnit(catalog, input.windowId, input.unitId);
    refuseWeakPassword(input.password, input.employeeNo);
    if (await store.findAccountByEmployeeNo(input.employeeNo)) throw new ClientError(409, 'EMPLOYEE_NO_TAKEN', `工号 ${input.employeeNo} is taken`);
    const id = newId('staff');
    const requestedRoles = [...new Set(input.roles)];
    // A new account's guarded roles are a grant like any other: they may wait for a second administrator.
    const plan = await planRoleChange(store, request.actor!.id, id, [], requestedRoles);
    const account = {
      id,
      name: input.name,
      employeeNo: input.employeeNo,
      unitId: input.unitId,
      windowId: input.windowId,
      roles: plan.applyNow,
      active: true,
      photoUpdatedAt: null,
      passwordHash: await hashPassword(input.password),
      pinHash: null,
      mustChangePassword: true,
      failedSignIns: 0,
      lockedUntil: null };
    await store.insertAccount(account);
    await audit(store, request, 'account.create', { type: 'staff', id: account.id }, { employeeNo: account.employeeNo, roles: account.roles, oldRoles: [], newRoles: account.roles });
    const pendingGrant = await recordWaitingGrant(store, request, id, [], requestedRoles, plan.waiting);
    const { passwordHash: _hash, ...shown } = account;
    return reply.code(201).send({ ...shown, photoUrl: null, pendingGrant });
  });

  route(app, API.updateStaff, manage, async (request) => {
    const actor = request.actor!;
    const { id } = parseOr400(IdParam, request.params);
    const patch = parseOr400(API.updateStaff.request, request.body);
    const current = await store.getAccount(id);
    if (!current) throw new ClientError(404, 'NOT_FOUND', `staff ${id} does not exist`);
    if (id === actor.id && (patch.active === false || (patch.roles && !patch.roles.includes('ADMIN')))) {
      throw new ClientError(400, 'CANNOT_LOCK_SELF_OUT', 'you cannot disable your own account or drop your own administrator role');
    }
    const requestedRoles = patch.roles ? [...new Set(patch.roles)] : undefined;
    const rolesChange = requestedRoles && !sameRoles(requestedRoles, current.roles) ? requestedRoles : undefined;
    // Nobody gives themselves a role: an administrator with SUPERVISION could read any contact.
    if (id === actor.id && rolesChange) throw new ClientError(400, 'CANNOT_CHANGE_OWN_ROLES', 'another administrator must change your roles');
    const catalog = await store.loadCatalog();
    const unitId = patch.unitId ?? current.unitId;
    requireUnit(catalog, unitId);
    requireWindowOfUnit(catalog, patch.windowId === undefined ? current.windowId : patch.windowId, unitId);
    if (patch.password) refuseWeakPassword(patch.password, current.employeeNo);
    const plan = rolesChange ? await planRoleChange(store, actor.id, id, current.roles, rolesChange) : undefined;
    const { password, roles: _roles, ...rest } = patch;
    await store.updateAccount(id, {
      ...rest,
      ...(plan ? { roles: plan.applyNow } : {}),
      ...(password ? { passwordHash: await hashPassword(password), mustChangePassword: true, failedSignIns: 0, lockedUntil: null } : {}) });
    // A reset password or a disabled account ends the person's sessions everywhere.
    if (password || patch.active === false) await store.deleteSessionsOf(id);
    const roleDetail = plan ? { oldRoles: current.roles, newRoles: plan.applyNow } : {};
    await audit(store, request, password ? 'account.password-reset' : 'account.update', { type: 'staff', id }, { fields: Object.keys(patch).filter((k) => k !== 'password'), ...roleDetail });
    const pendingGrant = plan ? await recordWaitingGrant(store, request, id, current.roles, rolesChange!, plan.waiting) : null;
    const updated = (await store.getAccount(id))!;
    const { passwordHash: _hash, ...shown } = updated;
    return { ...shown, photoUrl: staffPhotoUrl(updated), pendingGrant };
  });

  route(app, API.staffPhotoUpload, { ...manage, bodyLimit: MAX_PHOTO_BYTES }, async (request) => {
    const { id } = parseOr400(IdParam, request.params);
    const mime = String(request.headers['content-type'] ?? '').split(';')[0].trim() as (typeof PHOTO_TYPES)[number];
    const body = request.body;
    if (!Buffer.isBuffer(body) || !PHOTO_TYPES.includes(mime)) throw new ClientError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the photo as ${PHOTO_TYPES.join(', ')}`);
    if (!isImageOfType(body, mime)) throw new ClientError(400, 'NOT_AN_IMAGE', `the body is not a ${mime} image`);
    const at = Date.now();
    if (!(await store.setStaffPhoto(id, mime, body, at))) throw new ClientError(404, 'NOT_FOUND', `staff ${id} does not exist`);
    await audit(store, request, 'account.photo', { type: 'staff', id }, { bytes: body.length });
    return { photoUrl: staffPhotoUrl({ id, photoUpdatedAt: at }) };
  });
}
