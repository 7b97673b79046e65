import type { FastifyInstance } from 'fastify';
import { AUTH_PATHS, ChangePasswordRequestSchema, SetPinRequestSchema, SignInRequestSchema, type Me } from '../../src/domain/account-api';
import { hashPin, isWeakPin } from '../../src/domain/pin';
import { audit } from '../auth/audit';
import { resolveActor, SESSION_IDLE_MS, setSessionCookie } from '../auth/session';
import { SignInLimiter } from '../auth/sign-in-limiter';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../crypto/passwords';
import { newSessionToken, tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import { userAgentOf } from '../user-agent';
import { staffPhotoUrl } from './staff-photo';
import type { StaffAccount, Store } from '../store/store';
import { parseOr400 } from '../validate';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function toMe(a: StaffAccount): Me {
  return {
    id: a.id,
    name: a.name,
    employeeNo: a.employeeNo,
    unitId: a.unitId,
    windowId: a.windowId,
    roles: a.roles,
    photoUrl: staffPhotoUrl(a),
    mustChangePassword: a.mustChangePassword,
    hasPin: a.pinHash !== null,
  };
}

const invalid = () => new ClientError(401, 'INVALID_CREDENTIALS', '工号或密码不正确 / wrong staff number or password');

export function authRoutes(app: FastifyInstance, store: Store, limiter = new SignInLimiter()) {
  app.post(AUTH_PATHS.signIn, { config: { access: 'public' } }, async (request, reply) => {
    const wait = limiter.waitFor(request.ip);
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new ClientError(429, 'RATE_LIMITED', 'too many failed sign-ins from this address; wait a minute');
    }
    const { employeeNo, password } = parseOr400(SignInRequestSchema, request.body);
    const now = Date.now();
    const account = await store.findAccountByEmployeeNo(employeeNo);
    if (!account || !account.active || !account.passwordHash) {
      await burnPasswordCheck(password);
      limiter.recordFailure(request.ip);
      await audit(store, request, 'sign-in.failed', undefined, { employeeNo }, null);
      throw invalid();
    }
    const target = { type: 'staff', id: account.id };
    if (account.lockedUntil && account.lockedUntil > now) {
      await audit(store, request, 'sign-in.refused-locked', target, undefined, null);
      reply.header('retry-after', Math.ceil((account.lockedUntil - now) / 1000));
      throw new ClientError(423, 'ACCOUNT_LOCKED', `too many wrong passwords; try again after ${Math.ceil((account.lockedUntil - now) / 60_000)} min`);
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      limiter.recordFailure(request.ip);
      const failures = account.failedSignIns + 1;
      const locked = failures >= MAX_FAILED_SIGN_INS;
      await store.updateAccount(account.id, { failedSignIns: locked ? 0 : failures, lockedUntil: locked ? now + LOCKOUT_MS : null });
      await audit(store, request, locked ? 'sign-in.locked-out' : 'sign-in.failed', target, { failures }, null);
      throw invalid();
    }
    await store.updateAccount(account.id, { failedSignIns: 0, lockedUntil: null });
    const token = newSessionToken();
    await store.insertSession(tokenHash(token), account.id, now, now + SESSION_IDLE_MS, userAgentOf(request));
    await audit(store, request, 'sign-in', target, undefined, account.id);
    setSessionCookie(request, reply, token);
    return toMe(account);
  });

  app.post(AUTH_PATHS.signOut, { config: { access: 'public' } }, async (request, reply) => {
    const actor = request.actor ?? (await resolveActor(request, store));
    if (actor) {
      await store.deleteSession(actor.tokenHash);
      await audit(store, request, 'sign-out', { type: 'staff', id: actor.id });
    }
    setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });

  app.get(AUTH_PATHS.me, { config: { access: 'signed-in' } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return toMe(request.actor!.account);
  });

  app.post(AUTH_PATHS.password, { config: { access: 'signed-in' } }, async (request) => {
    const actor = request.actor!;
    const { currentPassword, newPassword } = parseOr400(ChangePasswordRequestSchema, request.body);
    if (!actor.account.passwordHash || !(await verifyPassword(currentPassword, actor.account.passwordHash))) {
      await audit(store, request, 'password.change-refused', { type: 'staff', id: actor.id });
      throw new ClientError(403, 'WRONG_PASSWORD', 'the current password is wrong');
    }
    if (newPassword === currentPassword) throw new ClientError(400, 'PASSWORD_UNCHANGED', 'choose a password different from the current one');
    if (newPassword.toLowerCase().includes(actor.account.employeeNo.toLowerCase())) {
      throw new ClientError(400, 'PASSWORD_TOO_WEAK', 'the password must not contain your staff number');
    }
    await store.updateAccount(actor.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    // Other devices signed in with the old password are signed out.
    await store.deleteSessionsOf(actor.id, actor.tokenHash);
    await audit(store, request, 'password.change', { type: 'staff', id: actor.id });
    return toMe({ ...actor.account, mustChangePassword: false });
  });

  app.post(AUTH_PATHS.pin, { config: { access: 'signed-in' } }, async (request) => {
    const actor = request.actor!;
    const { currentPassword, pin } = parseOr400(SetPinRequestSchema, request.body);
    if (!actor.account.passwordHash || !(await verifyPassword(currentPassword, actor.account.passwordHash))) {
      throw new ClientError(403, 'WRONG_PASSWORD', 'the current password is wrong');
    }
    if (isWeakPin(pin)) throw new ClientError(400, 'PIN_TOO_WEAK', 'choose a PIN that is not one digit repeated or a run like 123456');
    const pinHash = await hashPin(pin);
    await store.updateAccount(actor.id, { pinHash });
    await audit(store, request, 'pin.set', { type: 'staff', id: actor.id });
    return toMe({ ...actor.account, pinHash });
  });
}
