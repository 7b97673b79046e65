import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ADMIN_PATHS, MAX_PHOTO_BYTES, StaffCreateSchema, StaffPatchSchema } from '../../src/domain/admin-api';
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

const IdParam = z.object({ id: CatalogIdSchema });
const manage = { config: { access: 'catalog.manage' as const } };

/** Staff accounts: created with a first password the person must change; photos resized on the admin's device. */
export function adminStaffRoutes(app: FastifyInstance, store: Store) {
  app.post(ADMIN_PATHS.staff, manage, async (request, reply) => {
    const input = parseOr400(StaffCreateSchema, request.body);
    const catalog = await store.loadCatalog();
    requireUnit(catalog, input.unitId);
    requireWindowOfUnit(catalog, input.windowId, input.unitId);
    refuseWeakPassword(input.password, input.employeeNo);
    if (await store.findAccountByEmployeeNo(input.employeeNo)) throw new ClientError(409, 'EMPLOYEE_NO_TAKEN', `工号 ${input.employeeNo} is taken`);
    const account = {
      id: newId('staff'),
      name: input.name,
      employeeNo: input.employeeNo,
      unitId: input.unitId,
      windowId: input.windowId,
      roles: [...new Set(input.roles)],
      active: true,
      photoUpdatedAt: null,
      passwordHash: await hashPassword(input.password),
      pinHash: null,
      mustChangePassword: true,
      failedSignIns: 0,
      lockedUntil: null,
    };
    await store.insertAccount(account);
    await audit(store, request, 'account.create', { type: 'staff', id: account.id }, { employeeNo: account.employeeNo, roles: account.roles });
    const { passwordHash: _hash, ...shown } = account;
    return reply.code(201).send({ ...shown, photoUrl: null });
  });

  app.patch(`${ADMIN_PATHS.staff}/:id`, manage, async (request) => {
    const actor = request.actor!;
    const { id } = parseOr400(IdParam, request.params);
    const patch = parseOr400(StaffPatchSchema, request.body);
    const current = await store.getAccount(id);
    if (!current) throw new ClientError(404, 'NOT_FOUND', `staff ${id} does not exist`);
    if (id === actor.id && (patch.active === false || (patch.roles && !patch.roles.includes('ADMIN')))) {
      throw new ClientError(400, 'CANNOT_LOCK_SELF_OUT', 'you cannot disable your own account or drop your own administrator role');
    }
    const catalog = await store.loadCatalog();
    const unitId = patch.unitId ?? current.unitId;
    requireUnit(catalog, unitId);
    requireWindowOfUnit(catalog, patch.windowId === undefined ? current.windowId : patch.windowId, unitId);
    if (patch.password) refuseWeakPassword(patch.password, current.employeeNo);
    const { password, roles, ...rest } = patch;
    await store.updateAccount(id, {
      ...rest,
      ...(roles ? { roles: [...new Set(roles)] } : {}),
      ...(password ? { passwordHash: await hashPassword(password), mustChangePassword: true, failedSignIns: 0, lockedUntil: null } : {}),
    });
    // A reset password or a disabled account ends the person's sessions everywhere.
    if (password || patch.active === false) await store.deleteSessionsOf(id);
    await audit(store, request, password ? 'account.password-reset' : 'account.update', { type: 'staff', id }, { fields: Object.keys(patch).filter((k) => k !== 'password') });
    const updated = (await store.getAccount(id))!;
    const { passwordHash: _hash, ...shown } = updated;
    return { ...shown, photoUrl: staffPhotoUrl(updated) };
  });

  app.put(`${ADMIN_PATHS.staff}/:id/photo`, { ...manage, bodyLimit: MAX_PHOTO_BYTES }, async (request) => {
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
