import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MIN_PASSWORD_LENGTH, PASSWORD_PROBLEM_CODES, passwordProblem, type PasswordProblem } from '../../src/domain/password-rules';
import type { Me, SessionAnswer } from '../../src/domain/account-api';
import { hashPin, isWeakPin } from '../../src/domain/pin';
import { audit } from '../auth/audit';
import { resolveActor, SESSION_IDLE_MS, setSessionCookie } from '../auth/session';
import { ACCOUNT_AT_ADDRESS, FailureDelays, IN_SESSION, PER_ADDRESS, signInKeys } from '../auth/failure-delays';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../crypto/passwords';
import { newSessionToken, tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import { userAgentOf } from '../user-agent';
import { staffPhotoUrl } from './staff-photo';
import type { StaffAccount, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';


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
    hasPin: a.pinHash !== null };
}

/** A delayed attempt: 429 with Retry-After, one body for every 工号 (the wait is in the header). */
function refuseWhileDelayed(reply: FastifyReply, waitMs: number) {
  if (waitMs <= 0) return;
  reply.header('retry-after', Math.max(1, Math.ceil(waitMs / 1000)));
  throw new ClientError(429, 'RATE_LIMITED', 'too many failed attempts; wait as Retry-After says');
}

const invalid = () => new ClientError(401, 'INVALID_CREDENTIALS', '工号或密码不正确 / wrong staff number or password');

export function authRoutes(app: FastifyInstance, store: Store, limiter = new FailureDelays(store)) {
  route(app, API.signIn, { config: { access: 'public' } }, async (request, reply) => {
    const { employeeNo, password } = parseOr400(API.signIn.request, request.body);
    const atAddress = signInKeys.accountAtAddress(employeeNo, request.ip);
    const address = signInKeys.address(request.ip);
    // Checked before the 工号 is looked up: the answer is the same whether it exists or not.
    // Counted as failed now, in the same transaction as the check: parallel guesses, on any instance, cannot slip
    // through together.
    const { waitMs, failures: [failures] } = await limiter.attempt([[atAddress, ACCOUNT_AT_ADDRESS], [address, PER_ADDRESS]]);
    refuseWhileDelayed(reply, waitMs);
    const now = Date.now();
    const account = await store.findAccountByEmployeeNo(employeeNo);
    if (!account || !account.active || !account.passwordHash) {
      await burnPasswordCheck(password);
      await audit(store, request, 'sign-in.failed', undefined, { employeeNo, failures }, null);
      throw invalid();
    }
    const target = { type: 'staff', id: account.id };
    if (!(await verifyPassword(password, account.passwordHash))) {
      await audit(store, request, 'sign-in.failed', target, { failures }, null);
      throw invalid();
    }
    // Right: the address gets its failure back, and this 工号 at this address starts afresh.
    await limiter.forgive(address);
    await limiter.clear(atAddress);
    const token = newSessionToken();
    await store.insertSession(tokenHash(token), account.id, now, now + SESSION_IDLE_MS, userAgentOf(request));
    await audit(store, request, 'sign-in', target, undefined, account.id);
    setSessionCookie(request, reply, token);
    return toMe(account);
  });

  route(app, API.signOut, { config: { access: 'public' } }, async (request, reply) => {
    const actor = request.actor ?? (await resolveActor(request, store));
    if (actor) {
      await store.deleteSession(actor.tokenHash);
      await store.endStaffSignIns(actor.tokenHash, Date.now());
      await audit(store, request, 'sign-out', { type: 'staff', id: actor.id });
    }
    setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });

  route(app, API.me, { config: { access: 'signed-in' } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return toMe(request.actor!.account);
  });

  // What the app asks at start: a page opened by nobody is normal, so it is a 200, not a 401 logged as an error.
  route(app, API.session, { config: { access: 'public' } }, async (request, reply): Promise<SessionAnswer> => {
    reply.header('cache-control', 'no-store');
    return request.actor ? { signedIn: true, me: toMe(request.actor.account) } : { signedIn: false };
  });

  /**
   * A session checking its own password (to change it or set a PIN) is counted like a sign-in, per account: a
   * tablet left signed in must not become a way to guess the password without limit. Each failure is logged.
   */
  async function checkCurrentPassword(request: FastifyRequest, reply: FastifyReply, currentPassword: string, refusedAction: string) {
    const actor = request.actor!;
    const key = signInKeys.session(actor.id);
    const { waitMs, failures: [failures] } = await limiter.attempt([[key, IN_SESSION]]); // before the slow check, as at sign-in
    refuseWhileDelayed(reply, waitMs);
    if (!actor.account.passwordHash || !(await verifyPassword(currentPassword, actor.account.passwordHash))) {
      await audit(store, request, refusedAction, { type: 'staff', id: actor.id }, { failures });
      throw new ClientError(403, 'WRONG_PASSWORD', 'the current password is wrong');
    }
    await limiter.clear(key);
  }

  route(app, API.changePassword, { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor!;
    const { currentPassword, newPassword } = parseOr400(API.changePassword.request, request.body);
    await checkCurrentPassword(request, reply, currentPassword, 'password.change-refused');
    if (newPassword === currentPassword) throw new ClientError(400, 'PASSWORD_UNCHANGED', 'choose a password different from the current one');
    refuseWeakPassword(newPassword, actor.account.employeeNo);
    await store.updateAccount(actor.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    // Other devices signed in with the old password are signed out.
    await store.deleteSessionsOf(actor.id, actor.tokenHash);
    await audit(store, request, 'password.change', { type: 'staff', id: actor.id });
    return toMe({ ...actor.account, mustChangePassword: false });
  });

  route(app, API.setPin, { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor!;
    const { currentPassword, pin } = parseOr400(API.setPin.request, request.body);
    await checkCurrentPassword(request, reply, currentPassword, 'pin.set-refused');
    if (isWeakPin(pin)) throw new ClientError(400, 'PIN_TOO_WEAK', 'choose a PIN that is not one digit repeated or a run like 123456');
    const pinHash = await hashPin(pin);
    await store.updateAccount(actor.id, { pinHash });
    await audit(store, request, 'pin.set', { type: 'staff', id: actor.id });
    return toMe({ ...actor.account, pinHash });
  });
}

/** A new password someone chose or was given: refused with a code that says why (src/domain/password-rules.ts). */
export function refuseWeakPassword(password: string, employeeNo: string) {
  const problem = passwordProblem(password, { employeeNo });
  if (!problem) return;
  const why: Record<PasswordProblem, string> = {
    TOO_SHORT: `at least ${MIN_PASSWORD_LENGTH} characters`,
    TOO_LONG: 'too long',
    BLANK: 'the password must not be only spaces',
    COMMON: 'the password is one of the most common ones; choose another',
    CONTAINS_EMPLOYEE_NO: 'the password must not contain the staff number' };
  throw new ClientError(400, PASSWORD_PROBLEM_CODES[problem], why[problem]);
}
