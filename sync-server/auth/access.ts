import type { FastifyInstance } from 'fastify';
import { hasPermission, type Permission } from '../../src/domain/roles';
import { API_PREFIX } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { AUTH_PATHS } from '../../src/domain/account-api';
import { resolveActor } from './session';

/**
 * Who may call a route: anyone, anyone signed in, or those whose roles grant a permission. Every API route must
 * say which (registration fails otherwise), and the authorization tests enumerate them all.
 */
export type Access = 'public' | 'signed-in' | Permission;

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
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

export function enforceAccess(app: FastifyInstance, store: Store) {
  app.decorateRequest('actor', null);
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
      if (origin && new URL(origin).host !== request.headers.host) throw new ClientError(403, 'CROSS_ORIGIN', 'request from another site');
    }
  });
}
