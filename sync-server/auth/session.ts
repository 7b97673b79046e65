import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../src/domain/roles';
import { tokenHash } from '../crypto/tokens';
import type { StaffAccount, Store } from '../store/store';

export const SESSION_COOKIE = 'hcp_session';
/** A session ends after a working day without use; each use extends it. */
export const SESSION_IDLE_MS = 12 * 3600_000;
const TOUCH_AFTER_MS = 5 * 60_000;

export interface SignedIn extends Actor {
  account: StaffAccount;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: SignedIn | null;
  }
}

/** The named cookie's value; a value that is not valid percent-encoding is no cookie (a client's garbage, not a 500). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** httpOnly: scripts never see it; SameSite=Strict: no other site's page can send it; Secure over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null) {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (request.protocol === 'https') attrs.push('Secure');
  attrs.push(token ? `Max-Age=${SESSION_IDLE_MS / 1000}` : 'Max-Age=0');
  reply.header('set-cookie', `${SESSION_COOKIE}=${token ?? ''}; ${attrs.join('; ')}`);
}

/** The signed-in person behind the request's cookie, or null; expired or disabled sessions count as none. */
export async function resolveActor(request: FastifyRequest, store: Store, now = Date.now()): Promise<SignedIn | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const hash = tokenHash(token);
  const session = await store.findSession(hash);
  if (!session) return null;
  if (session.expiresAt <= now) {
    await store.deleteSession(hash);
    return null;
  }
  const account = await store.getAccount(session.staffId);
  if (!account || !account.active) return null;
  if (now - session.lastSeenAt > TOUCH_AFTER_MS) await store.touchSession(hash, now, now + SESSION_IDLE_MS);
  return { id: account.id, roles: account.roles, unitId: account.unitId, windowId: account.windowId, account, tokenHash: hash };
}
