import type { FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod/mini';
import type { Catalog } from '../../src/domain/catalog';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import { DEFAULT_INVITATION_LAPSE_MS, maskCaseNo, type Invitation } from '../../src/domain/rating-invitation';
import type { ServiceCase } from '../../src/domain/service-case';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { cstDate } from '../../src/domain/time';
import { ClientError } from '../errors';
import type { StoredInvitation } from '../store/invitation-rows';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from '../routes/endpoint';
import { InvitationNotices } from './invitation-notices';
import { waitForInvitation } from './wait-for-invitation';

export interface InvitationRouteOptions {
  /** How long an invitation stays open (DEFAULT_INVITATION_LAPSE_MS: three minutes). */
  lapseMs?: number;
  /** How often a waiting kiosk's window is read again (wait-for-invitation.ts). */
  recheckMs?: number;
}

const DAY_MS = 86_400_000;
/** A window's day never holds more; the kiosk's copy is cut here rather than paged. */
const KIOSK_CASES_LIMIT = 500;
const IdParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

const nameOf = (catalog: Catalog, serviceItemId: string) => catalog.serviceItems.find((s) => s.id === serviceItemId)?.name ?? { 'zh-CN': serviceItemId, en: serviceItemId, bo: serviceItemId };

/** An invitation as the kiosk and the inviter see it. Only invitations the server made are shown: they name their item. */
function shown(inv: StoredInvitation, catalog: Catalog): Invitation {
  return {
    id: inv.id,
    unitId: inv.unitId,
    windowId: inv.windowId,
    serviceCaseId: inv.serviceCaseId,
    staffId: inv.staffId,
    caseNo: inv.caseNo,
    caseNoMasked: maskCaseNo(inv.caseNo),
    serviceItemId: inv.serviceItemId!,
    serviceItemName: nameOf(catalog, inv.serviceItemId!),
    source: inv.source,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
  };
}

/** The window a kiosk request is for: its enrolment's; a demo kiosk without a credential names it (`window`). */
function kioskWindow(device: { windowId: string } | null, named: string | undefined, catalog: Catalog): string {
  const windowId = device?.windowId ?? named;
  if (windowId === undefined || !catalog.windows.some((w) => w.id === windowId)) {
    throw new ClientError(404, ERROR_CODES.unknownWindow, `window ${windowId ?? '(none named)'} does not exist`);
  }
  return windowId;
}

/** The client is gone: the response closed before it was sent. */
const goneOf = (reply: FastifyReply) =>
  new Promise<void>((resolve) => {
    if (reply.raw.destroyed) resolve();
    reply.raw.once('close', () => resolve());
  });

/**
 * The invitation at the window (一次一评): a window person or the business system invites a rating for one 办件;
 * the window's kiosk long-polls for it; the kiosk's staff panel reads its window's 办件 of today.
 */
export function invitationRoutes(app: FastifyInstance, store: Store, opts: InvitationRouteOptions = {}) {
  const lapseMs = opts.lapseMs ?? DEFAULT_INVITATION_LAPSE_MS;
  const notices = new InvitationNotices();

  /** Stores the invitation for the 办件's window (replacing an open one there) and wakes that window's kiosks. */
  async function invite(sc: ServiceCase, source: 'TABLET' | 'API', createdBy: string, reply: FastifyReply) {
    const at = Date.now();
    const inv: StoredInvitation = {
      id: uuidv7(at), unitId: sc.unitId, windowId: sc.windowId, serviceCaseId: sc.id, caseNo: sc.caseNo, serviceItemId: sc.serviceItemId,
      staffId: sc.staffId, source, createdBy, createdAt: at, expiresAt: at + lapseMs, answeredRatingId: null, answeredAt: null, cancelledAt: null,
    };
    await store.createInvitation(inv);
    notices.publish(inv.windowId);
    reply.code(201).header('cache-control', 'no-store');
    return { invitation: shown(inv, await store.loadCatalog()) };
  }

  route(app, API.inviteServiceCase, { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor!;
    const { id } = parseOr400(IdParams, request.params);
    const sc = await store.getServiceCase(id);
    // The 办件's own staff member, or the lead of its window; anyone else is told it does not exist.
    const mayInvite = sc && (sc.staffId === actor.id || (actor.roles.includes('LEAD') && actor.windowId === sc.windowId));
    if (!sc || !mayInvite) throw new ClientError(404, ERROR_CODES.notFound, `办件 ${id} does not exist`);
    return invite(sc, 'TABLET', actor.id, reply);
  });

  route(app, API.systemInvite, { config: { access: 'system-token' } }, async (request, reply) => {
    const token = request.systemToken!;
    const { caseNo } = parseOr400(API.systemInvite.request, request.body);
    // Only the token's unit: another unit's 办件编号 is unknown here, like one never sent.
    const sc = await store.findServiceCase(token.unitId, caseNo);
    if (!sc) throw new ClientError(404, ERROR_CODES.notFound, `办件编号 ${caseNo} does not exist in this unit`);
    await store.touchSystemToken(token.id, Date.now());
    return invite(sc, 'API', token.id, reply);
  });

  route(app, API.kioskInvitation, { config: { access: 'device-or-demo' } }, async (request, reply) => {
    const query = parseOr400(API.kioskInvitation.query, request.query);
    const catalog = await store.loadCatalog();
    const windowId = kioskWindow(request.device, query.window, catalog);
    const found = await waitForInvitation(store, notices, {
      windowId,
      after: query.after,
      waitMs: query.waitMs ?? 0,
      gone: goneOf(reply),
      recheckMs: opts.recheckMs,
      onError: (err) => request.log.error({ err }, 'reading invitations failed while a kiosk waited'),
    });
    reply.header('cache-control', 'no-store');
    return { invitation: found ? shown(found, catalog) : null, serverTime: Date.now() };
  });

  route(app, API.kioskServiceCases, { config: { access: 'device-or-demo' } }, async (request, reply) => {
    const query = parseOr400(API.kioskServiceCases.query, request.query);
    const catalog = await store.loadCatalog();
    const windowId = kioskWindow(request.device, query.window, catalog);
    const now = Date.now();
    const day = cstDate(now);
    const from = Date.parse(`${day}T00:00:00+08:00`);
    const cases = await store.listServiceCases({ windowId, from, to: from + DAY_MS, limit: KIOSK_CASES_LIMIT });
    const rated = await store.ratedServiceCaseIds(cases.map((c) => c.id));
    reply.header('cache-control', 'no-store');
    return {
      day,
      serviceCases: cases.map((c) => ({
        id: c.id,
        caseNo: c.caseNo,
        caseNoMasked: maskCaseNo(c.caseNo),
        serviceItemId: c.serviceItemId,
        serviceItemName: nameOf(catalog, c.serviceItemId),
        staffId: c.staffId,
        status: c.status,
        acceptedAt: c.acceptedAt,
        rated: rated.has(c.id),
      })),
    };
  });
}
