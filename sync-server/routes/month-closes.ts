import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { API } from '../../src/domain/endpoints';
import { closeDates, closeStatus, diffSignatures, diffTables } from '../../src/domain/figures/month-close';
import { MonthSchema } from '../../src/domain/figures/month-close-api';
import { uuidv7 } from '../../src/domain/ids';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import { audit } from '../auth/audit';
import { ClientError } from '../errors';
import { listMonthCloses, liveMonth, monthCloseDetail, versionOf, versionsOf } from '../figures/month-close-service';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

export interface MonthCloseRouteOptions {
  /** The 追评 window the server runs with (FOLLOW_UP_DAYS), as the figures count. */
  assessment?: AssessmentSettings;
}

const MonthParamsSchema = z.object({ month: MonthSchema });

/**
 * Month close (issue 15), for the office (reports.submit): the months and their status, one month's versions with
 * the corrections since the latest, and the submission of the next version. The server makes the numbers it
 * stores (never the client's); a submission names the version it corrects, and the unique key (month, scope,
 * version) decides between two offices submitting at once: the second is told MONTH_CLOSE_STALE (409).
 */
export function monthCloseRoutes(app: FastifyInstance, store: Store, opts: MonthCloseRouteOptions = {}) {
  const settings = opts.assessment ?? DEFAULT_ASSESSMENT_SETTINGS;

  async function scopeOf(unitId: string | undefined): Promise<string | null> {
    if (unitId === undefined) return null;
    const catalog = await store.loadCatalog();
    if (!catalog.units.some((u) => u.id === unitId)) throw new ClientError(404, 'NOT_FOUND', 'no such unit');
    return unitId;
  }

  route(app, API.monthCloses, { config: { access: 'reports.submit' } }, async (request, reply) => {
    const query = parseOr400(API.monthCloses.query, request.query);
    const unitId = await scopeOf(query.unitId);
    reply.header('cache-control', 'no-store');
    return listMonthCloses(store, unitId, Date.now(), query.corrections === '1', settings);
  });

  route(app, API.monthClose, { config: { access: 'reports.submit' } }, async (request, reply) => {
    const { month } = parseOr400(MonthParamsSchema, request.params);
    const unitId = await scopeOf(parseOr400(API.monthClose.query, request.query).unitId);
    reply.header('cache-control', 'no-store');
    return monthCloseDetail(store, month, unitId, Date.now(), settings);
  });

  route(app, API.submitMonthClose, { config: { access: 'reports.submit' } }, async (request, reply) => {
    const actor = request.actor!;
    const { month } = parseOr400(MonthParamsSchema, request.params);
    const unitId = await scopeOf(parseOr400(API.submitMonthClose.query, request.query).unitId);
    const { corrects } = parseOr400(API.submitMonthClose.request, request.body);
    const now = Date.now();
    if (now < closeDates(month).dueFrom) throw new ClientError(400, 'MONTH_NOT_ENDED', `${month} has not ended yet: it is submitted from the 1st of the next month`);
    const heads = await versionsOf(store, month, unitId);
    const latest = heads[heads.length - 1]?.version ?? 0;
    if (corrects !== latest) throw new ClientError(409, 'MONTH_CLOSE_STALE', `the latest version of ${month} is ${latest}, not ${corrects}: read the month again`);
    const live = await liveMonth(store, month, unitId, now, settings);
    let changed = 0;
    if (latest > 0) {
      const snapshot = await store.getMonthClose(month, unitId, latest);
      changed = snapshot ? diffSignatures(snapshot.signatures, live.signatures).length : 0;
      // A corrected version corrects something: the same numbers again would only blur which version counts.
      if (snapshot && changed === 0 && diffTables(snapshot.rows, live.table.rows).length === 0) {
        throw new ClientError(409, 'MONTH_CLOSE_UNCHANGED', `nothing in ${month} changed since version ${latest}`);
      }
    }
    const head = { id: uuidv7(now), month, unitId, version: latest + 1, submittedBy: actor.id, submittedAt: now, generatedAt: now };
    if (!(await store.insertMonthClose({ ...head, rows: live.table.rows, signatures: live.signatures }))) {
      throw new ClientError(409, 'MONTH_CLOSE_STALE', `version ${latest + 1} of ${month} was submitted meanwhile: read the month again`);
    }
    const all = live.table.rows[0];
    await audit(store, request, 'month-close.submit', { type: 'month-close', id: `${month}${unitId ? `:${unitId}` : ''}` }, {
      month, unitId, version: head.version, corrects, ratingsChanged: changed, total: all?.total ?? 0, invalid: all?.invalid ?? 0,
    });
    reply.header('cache-control', 'no-store');
    const catalog = await store.loadCatalog();
    return { month, unitId, status: closeStatus(month, now, heads[0]?.submittedAt ?? now), version: versionOf(head, catalog) };
  });
}
