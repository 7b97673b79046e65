import type { FastifyInstance } from 'fastify';
import { API } from '../../src/domain/endpoints';
import { RankingSettingsSchema } from '../../src/domain/figures/ranking-settings';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { audit } from '../auth/audit';
import { buildRankingsReport, defaultQuarter, rankingSettings } from '../figures/rankings-report';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

/**
 * Rankings and flags (issue 15) for personnel and supervision (every unit), and the administrator's settings of
 * "bottom ranks N periods in a row" (audited). `assessment`: the 追评 window the server counts with.
 */
export function rankingRoutes(app: FastifyInstance, store: Store, assessment: AssessmentSettings) {
  route(app, API.rankings, { config: { access: 'rankings.read' } }, async (request, reply) => {
    const { year, quarter } = parseOr400(API.rankings.query, request.query);
    const now = Date.now();
    reply.header('cache-control', 'no-store');
    return buildRankingsReport(store, year, quarter ?? defaultQuarter(year, now), now, assessment);
  });

  route(app, API.rankingSettings, { config: { access: 'catalog.manage' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return rankingSettings(store);
  });

  route(app, API.putRankingSettings, { config: { access: 'catalog.manage' } }, async (request) => {
    const settings = parseOr400(RankingSettingsSchema, request.body);
    const before = await rankingSettings(store);
    await store.putRankingSettings(settings, Date.now());
    await audit(store, request, 'rankings.settings', { type: 'settings', id: 'rankings' }, { before, after: settings });
    return settings;
  });
}
