import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tokenHash } from '../crypto/tokens';
import { hasPermission, type Permission } from '../../src/domain/roles';
import { API_PREFIX, ERROR_CODES } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { DeviceRow, Store, StoredSystemToken } from '../store/store';
import { AUTH_PATHS } from '../../src/domain/account-api';
import { resolveActor } from './session';

/**
 * Who may call a route: anyone, anyone signed in, or those whose roles grant a permission. Every API route must
 * say which (registration fails otherwise), and the authorization tests enumerate them all.
 */
export type Access = 'public' | 'signed-in' | Permission | 'device' | 'device-or-demo' | 'system-token';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled kiosk behind the request's bearer credential, on device routes. */
    device: DeviceRow | null;
    /** The business system's token behind the request, on 'system-token' routes: it writes 办件 of its unit only. */
    systemToken: StoredSystemToken | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every API route with its access rule, as registered: the authorization tests enumerate it. */
    apiRoutes: ApiRoute[];
  }
}

// While a password must be changed, these are all a session may do.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<string>([AUTH_PATHS.me, AUTH_PATHS.password, AUTH_PATHS.signOut]);

/**
 * Kiosks authenticate with the credential they got at enrolment ("Authorization: Bearer …"). In demo mode a kiosk
 * without one may still rate and fetch its configuration ('device-or-demo'); a credential, when sent, is checked.
 */
async function resolveDevice(request: FastifyRequest, store: Store, access: 'device' | 'device-or-demo', demo: boolean) {
  const bearer = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer) {
    if (access === 'device-or-demo' && demo) return;
    throw new ClientError(401, ERROR_CODES.deviceCredentialRequired, 'this device is not enrolled: set it up with an enrolment code');
  }
  const device = await store.findDeviceByCredential(tokenHash(bearer));
  if (!device) throw new ClientError(401, ERROR_CODES.deviceUnknown, 'this device credential is not known: enrol the device again');
  if (device.revokedAt !== null) throw new ClientError(403, ERROR_CODES.deviceRevoked, 'an administrator has revoked this device');
  request.device = device;
}

/**
 * A hall's business system writes 办件 with a token an administrator made for one unit ("Authorization: Bearer …");
 * only its hash is stored. Unknown and revoked tokens are both 401: the system must be given a new token.
 */
async function resolveSystemToken(request: FastifyRequest, store: Store) {
  const bearer = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer) throw new ClientError(401, 'SYSTEM_TOKEN_REQUIRED', 'send the business-system token as "Authorization: Bearer <token>"');
  const token = await store.findSystemTokenByHash(tokenHash(bearer));
  if (!token) throw new ClientError(401, 'SYSTEM_TOKEN_UNKNOWN', 'this business-system token is not known');
  if (token.revokedAt !== null) throw new ClientError(401, 'SYSTEM_TOKEN_REVOKED', 'an administrator has revoked this business-system token');
  request.systemToken = token;
}

/** The host of an Origin header; null for `Origin: null` (sandboxed pages, some redirects) or anything not a URL. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

export function enforceAccess(app: FastifyInstance, store: Store, opts: { demo: boolean }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('device', null);
  app.decorateRequest('systemToken', null);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const access = route.config?.access;
    if (!access) throw new Error(`${String(route.method)} ${route.url} does not declare who may call it (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
  });
  // onRequest, before the body is read: an anonymous caller learns nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    if (access === 'device' || access === 'device-or-demo') return resolveDevice(request, store, access, opts.demo);
    if (access === 'system-token') return resolveSystemToken(request, store);
    request.actor = await resolveActor(request, store);
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new ClientError(401, 'SIGN_IN_REQUIRED', 'sign in first');
    if (actor.account.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
      throw new ClientError(403, 'PASSWORD_CHANGE_REQUIRED', 'change your password first');
    }
    if (access !== 'signed-in' && !hasPermission(actor, access)) throw new ClientError(403, 'FORBIDDEN', 'your roles do not allow this');
    // A state change must come from this app's own pages: SameSite cookies plus an Origin check.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const origin = request.headers.origin;
      if (origin && hostOf(origin) !== request.headers.host) throw new ClientError(403, 'CROSS_ORIGIN', 'request from another site');
    }
  });
}
