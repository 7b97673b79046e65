import type { FastifyInstance } from 'fastify';
import { normalizeEnrolmentCode, type CheckinResponse, type EnrolResponse } from '../../src/domain/device-api';
import { audit } from '../auth/audit';
import { SignInLimiter } from '../auth/sign-in-limiter';
import { newSessionToken, tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import { userAgentOf } from '../user-agent';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { buildKioskConfig, windowOr404, type KioskConfigOptions } from './kiosk-config';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const REFUSALS = {
  unknown: [400, 'ENROLMENT_CODE_INVALID', 'this enrolment code does not exist'],
  used: [409, 'ENROLMENT_CODE_USED', 'this enrolment code has been used already; ask for a new one'],
  expired: [410, 'ENROLMENT_CODE_EXPIRED', 'this enrolment code has expired; ask for a new one'],
  'in-use': [409, 'DEVICE_ID_IN_USE', 'this device id belongs to an enrolled tablet; an administrator revokes that tablet first'] } as const;

/** A tablet becomes a window's kiosk with a one-time code, then checks in: status out, configuration back. */
export function deviceRoutes(app: FastifyInstance, store: Store, opts: KioskConfigOptions, limiter = new SignInLimiter(store, 'enrol', 20)) {
  route(app, API.enrol, { config: { access: 'public' } }, async (request): Promise<EnrolResponse> => {
    const wait = await limiter.waitFor(request.ip);
    if (wait > 0) throw new ClientError(429, 'RATE_LIMITED', 'too many wrong enrolment codes from this address; wait a minute');
    const body = parseOr400(API.enrol.request, request.body);
    const code = normalizeEnrolmentCode(body.code);
    if (!code) {
      await limiter.recordFailure(request.ip);
      throw new ClientError(400, 'ENROLMENT_CODE_INVALID', 'an enrolment code has 8 letters and digits, like K7Q9-M3XT');
    }
    const credential = newSessionToken();
    // A tablet moving to another window proves it is the enrolled one with its current credential.
    const presented = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.authorization ?? '')?.[1];
    const outcome = await store.enrolDevice({
      codeHash: tokenHash(code),
      deviceId: body.deviceId,
      credentialHash: tokenHash(credential),
      at: Date.now(),
      report: { ...body.report, userAgent: userAgentOf(request) },
      presentedCredentialHash: presented ? tokenHash(presented) : null });
    if (!outcome.ok) {
      // A device id in use is no guess at a code: it does not count towards the limit on wrong codes.
      if (outcome.reason !== 'in-use') await limiter.recordFailure(request.ip);
      await audit(store, request, 'device.enrol-refused', { type: 'device', id: body.deviceId }, { reason: outcome.reason });
      const [status, errorCode, message] = REFUSALS[outcome.reason];
      throw new ClientError(status, errorCode, message);
    }
    const { device } = outcome;
    await audit(store, request, 'device.enrol', { type: 'device', id: device.id }, { windowId: device.windowId });
    return {
      device: { id: device.id, windowId: device.windowId },
      credential,
      config: await buildKioskConfig(store, await windowOr404(store, device.windowId), opts) };
  });

  route(app, API.checkin, { config: { access: 'device' } }, async (request, reply): Promise<CheckinResponse> => {
    const device = request.device!;
    const body = parseOr400(API.checkin.request, request.body);
    const now = Date.now();
    await store.recordDeviceReport(device.id, { ...body.report, userAgent: userAgentOf(request) }, now);
    const version = await store.catalogVersion();
    // Any difference, not only an older copy: a database restored from a backup counts its versions again.
    const stale = body.configVersion !== version;
    reply.header('cache-control', 'no-store');
    return {
      serverTime: now,
      configVersion: version,
      config: stale ? await buildKioskConfig(store, await windowOr404(store, device.windowId), opts) : null };
  });
}
