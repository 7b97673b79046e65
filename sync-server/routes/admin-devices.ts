import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import {
  ENROLMENT_ALPHABET,
  ENROLMENT_CODE_HOURS,
  ENROLMENT_CODE_LENGTH,
  type DeviceListItem,
  type EnrolmentCodeCreated,
} from '../../src/domain/device-api';
import { audit } from '../auth/audit';
import { tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const manage = { config: { access: 'devices.manage' as const } };

function newEnrolmentCode(): string {
  return Array.from({ length: ENROLMENT_CODE_LENGTH }, () => ENROLMENT_ALPHABET[randomInt(ENROLMENT_ALPHABET.length)]).join('');
}

/** Enrolment codes, the device list and revocation: the administrator's view of the hall's tablets. */
export function adminDeviceRoutes(app: FastifyInstance, store: Store) {
  route(app, API.createEnrolmentCode, manage, async (request, reply): Promise<EnrolmentCodeCreated> => {
    const input = parseOr400(API.createEnrolmentCode.request, request.body);
    const catalog = await store.loadCatalog();
    const window = catalog.windows.find((w) => w.id === input.windowId);
    if (!window) throw new ClientError(400, 'UNKNOWN_WINDOW', `window ${input.windowId} does not exist`);
    // A tablet enrolled now would collect ratings for a window the hall no longer runs.
    const unitActive = catalog.units.find((u) => u.id === window.unitId)?.active ?? false;
    if (!window.active || !unitActive) throw new ClientError(409, 'WINDOW_INACTIVE', `window ${window.id} is retired`);
    const code = newEnrolmentCode();
    const createdAt = Date.now();
    const expiresAt = createdAt + (input.validHours ?? ENROLMENT_CODE_HOURS.default) * 3600_000;
    // Only the hash is kept: the code is shown once, to the administrator who hands it to the tablet.
    await store.insertEnrolmentCode({ codeHash: tokenHash(code), windowId: window.id, createdBy: request.actor!.id, createdAt, expiresAt });
    await audit(store, request, 'device.code-create', { type: 'window', id: window.id }, { expiresAt });
    reply.code(201).header('cache-control', 'no-store');
    return { code, windowId: window.id, expiresAt };
  });

  route(app, API.devices, manage, async (_request, reply): Promise<{ devices: DeviceListItem[] }> => {
    reply.header('cache-control', 'no-store');
    const devices = await store.listDevices();
    return { devices: devices.map(({ enrolledBy: _by, revokedBy: _rb, ...d }) => d) };
  });

  route(app, API.revokeDevice, manage, async (request) => {
    const { id } = parseOr400(z.object({ id: CatalogIdSchema }), request.params);
    // The conditional update decides, so two administrators revoking at once get one success and one 409.
    if (!(await store.revokeDevice(id, request.actor!.id, Date.now()))) {
      const known = (await store.listDevices()).some((d) => d.id === id);
      throw known ? new ClientError(409, 'ALREADY_REVOKED', `device ${id} was revoked already`) : new ClientError(404, 'NOT_FOUND', `device ${id} does not exist`);
    }
    await audit(store, request, 'device.revoke', { type: 'device', id });
    return { id, revoked: true };
  });
}
