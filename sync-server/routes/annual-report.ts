import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { API } from '../../src/domain/endpoints';
import { reportScope } from '../../src/domain/roles';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import { ClientError } from '../errors';
import { buildAnnualReport } from '../figures/annual-report';
import { writeAnnualXlsx } from '../figures/annual-xlsx';
import { sendMaybeGzipped } from '../http-gzip';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The annual rectification report (issue 15): the office, supervision and personnel for any unit or all, a lead
 * for their own window only (reportScope). A unit outside the scope answers 404 like an unknown one.
 */
export function annualReportRoutes(app: FastifyInstance, store: Store, settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS) {
  route(app, API.annualReport, { config: { access: 'reports.read' } }, async (request, reply) => {
    const { year, unitId, format = 'json' } = parseOr400(API.annualReport.query, request.query);
    const scope = reportScope(request.actor!);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no report is in your scope');
    if (unitId !== undefined) {
      const known = (await store.loadCatalog()).units.some((u) => u.id === unitId);
      if (!known || (scope.kind === 'window' && scope.unitId !== unitId)) throw new ClientError(404, 'NOT_FOUND', `unit ${unitId} does not exist`);
    }
    const report = await buildAnnualReport(store, { year, unitId: unitId ?? null, scope, generatedAt: Date.now(), settings });
    if (format === 'json') return sendMaybeGzipped(request, reply, report);
    const file = `annual-${year}${report.unitId ? `-${report.unitId}` : ''}.xlsx`;
    const body = new PassThrough();
    writeAnnualXlsx(report, body).catch((err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))));
    return reply
      .type(XLSX_TYPE)
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`年度差评整改情况报告-${file}`)}`)
      .send(body);
  });
}
