import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { cstDate } from '../../src/domain/time';
import { validateCalendarYear, type CalendarYear } from '../../src/domain/workdays';
import { audit } from '../auth/audit';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

const manage = { config: { access: 'catalog.manage' as const } };

/**
 * The working-day tables: each year's holidays and make-up workdays with their source. Next year's list is
 * published each November or December; until an administrator enters it, deadlines reaching it are uncertain.
 */
export function adminCalendarRoutes(app: FastifyInstance, store: Store) {
  route(app, API.calendar, manage, async (_request, reply) => {
    const years = await store.listCalendarYears();
    const thisYear = Number(cstDate(Date.now()).slice(0, 4));
    const known = new Set(years.map((y) => y.year));
    reply.header('cache-control', 'no-store');
    // This year and next: deadlines of 5 working days in December already reach into January.
    return { years, missingYears: [thisYear, thisYear + 1].filter((y) => !known.has(y)) };
  });

  route(app, API.putCalendarYear, manage, async (request) => {
    // Four digits only: "0x7EB" or " 2027" are not a year, whatever Number() makes of them.
    const year = Number(parseOr400(z.object({ year: z.string().check(z.regex(/^\d{4}$/)) }), request.params).year);
    const body = (request.body ?? {}) as Partial<CalendarYear>;
    const table = { year, holidays: body.holidays, workdays: body.workdays, source: body.source };
    const problems = validateCalendarYear(table);
    if (problems.length > 0) {
      throw new ClientError(400, 'CALENDAR_INVALID', problems.map((p) => `${p.field}: ${p.code}${p.date ? ` ${p.date}` : ''}`).join('; '));
    }
    const valid = table as CalendarYear;
    await store.putCalendarYear(valid, request.actor!.id, Date.now());
    await audit(store, request, 'calendar.update', { type: 'calendar', id: String(year) }, { holidays: valid.holidays.length, workdays: valid.workdays.length });
    return valid;
  });
}
