import type { FastifyInstance } from 'fastify';
import { API } from '../../src/domain/endpoints';
import type { Attachment2Response } from '../../src/domain/figures/attachment2-api';
import { reportScope } from '../../src/domain/roles';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import { ClientError } from '../errors';
import { attachment2Csv, namesFromCatalog } from '../figures/attachment2-csv';
import { buildAttachment2 } from '../figures/attachment2-report';
import { attachment2Xlsx, scopeNameZh } from '../figures/attachment2-xlsx';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; an ASCII name for old clients, the Chinese one as RFC 5987 filename* (every current browser reads it). */
function disposition(ascii: string, utf8: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}

/**
 * GET Attachment 2 (评价数据统计表) of a month (issue 15): the office, supervision and personnel every unit or one;
 * a lead only their window (its row and its staff rows, counted from that window's ratings; never the unit's). JSON
 * for the /reports page (with the names its rows mention), or the CSV / XLSX file to download. Never cached: the
 * handling figures are as of the moment of the request.
 */
export function reportAttachment2Route(app: FastifyInstance, store: Store, assessment: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS) {
  route(app, API.reportAttachment2, { config: { access: 'reports.read' } }, async (request, reply) => {
    const actor = request.actor!;
    const query = parseOr400(API.reportAttachment2.query, request.query);
    const scope = reportScope(actor);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no reports are in your scope');
    const catalog = await store.loadCatalog();
    // A lead's scope is their window, whatever unit is asked for.
    const unitId = scope.kind === 'window' ? scope.unitId : (query.unitId ?? null);
    const windowId = scope.kind === 'window' ? scope.windowId : null;
    if (unitId !== null && !catalog.units.some((u) => u.id === unitId)) throw new ClientError(400, 'UNKNOWN_UNIT', `unit ${unitId} does not exist`);
    const table = await buildAttachment2(store, query.month, unitId, Date.now(), assessment, windowId);
    reply.header('cache-control', 'no-store');

    const format = query.format ?? 'json';
    if (format !== 'json') {
      const names = namesFromCatalog(catalog);
      const base = `attachment2-${query.month}${unitId ? `-${unitId}` : ''}${windowId ? `-${windowId}` : ''}`;
      const zhBase = `评价数据统计表-${query.month}-${scopeNameZh(names, unitId, windowId).replace(/\s+/g, '')}`;
      if (format === 'csv') {
        reply.header('content-disposition', disposition(`${base}.csv`, `${zhBase}.csv`)).type('text/csv; charset=utf-8');
        return attachment2Csv(table, names);
      }
      reply.header('content-disposition', disposition(`${base}.xlsx`, `${zhBase}.xlsx`)).type(XLSX_TYPE);
      return attachment2Xlsx(table, names, { scopeName: scopeNameZh(names, unitId, windowId) });
    }

    const windowIds = new Set(table.rows.map((r) => r.windowId));
    if (windowId) windowIds.add(windowId);
    const staffIds = new Set(table.rows.map((r) => r.staffId));
    const answer: Attachment2Response = {
      ...table,
      scope: scope.kind === 'window' ? { kind: 'window', unitId: scope.unitId, windowId: scope.windowId } : { kind: 'all', unitId },
      names: {
        // Every unit for the picker of those who see all; a lead only theirs.
        units: catalog.units.filter((u) => scope.kind === 'all' || u.id === scope.unitId).map((u) => ({ id: u.id, name: u.name })),
        windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, unitId: w.unitId, number: w.number, name: w.name })),
        staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
      },
    };
    return answer;
  });
}
