import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { UuidV7Schema } from '../../src/domain/base-schemas';
import {
  paperCheckRefusal,
  PAPER_REFUSALS,
  type PaperCheckConfirmation,
  type PaperCheckItem,
  type PaperChecksResponse,
} from '../../src/domain/paper-check';
import { scrubText } from '../../src/domain/scrub';
import { audit } from '../auth/audit';
import { ClientError } from '../errors';
import { caseOnPaperCheck } from '../store/rules/case-opening';
import { caseOpenedBy, type CaseNotifier } from '../live/case-notifier';
import type { StoredRating, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

/** How many waiting forms a list carries: a window's backlog, not its history. */
const LIST_LIMIT = 200;

const toItem = (r: StoredRating): PaperCheckItem => ({
  id: r.id,
  caseNumber: r.caseNumber ?? null,
  serviceItemId: r.paper!.serviceItemId,
  serviceDate: r.paper!.serviceDate,
  windowId: r.windowId,
  staffId: r.staffId ?? null,
  level: r.level,
  reasons: r.reasons,
  otherReason: r.otherReason ? scrubText(r.otherReason) : null,
  comment: r.comment ? scrubText(r.comment) : null,
  contact: r.contact,
  enteredBy: r.paper!.enteredBy,
  hasPhoto: r.paper!.hasPhoto,
  receivedAt: r.receivedAt });

const REFUSAL_TEXT: Record<string, string> = {
  [PAPER_REFUSALS.checkerIsTypist]: 'the person who typed a form in cannot check it',
  [PAPER_REFUSALS.checkerIsRated]: 'the person a form rates cannot check it' };

/**
 * The check (复核): a typed-in form counts once another person of its window (the lead or another clerk, never
 * the typist nor the person rated) confirms from their own session that it matches the paper.
 */
export function paperCheckRoutes(app: FastifyInstance, store: Store, notifier: CaseNotifier) {
  route(app, API.paperChecks, { config: { access: 'paper.enter' } }, async (request, reply): Promise<PaperChecksResponse> => {
    const actor = request.actor!;
    const forWindow = actor.windowId ? await store.listUncheckedPaper({ windowId: actor.windowId }, LIST_LIMIT) : [];
    const toCheck = forWindow.filter((r) => paperCheckRefusal(actor, { windowId: r.windowId, staffId: r.staffId, enteredBy: r.paper!.enteredBy }) === null);
    const mine = await store.listUncheckedPaper({ enteredBy: actor.id }, LIST_LIMIT);
    const ids = new Set([...toCheck, ...mine].flatMap((r) => [r.staffId, r.paper!.enteredBy]));
    const catalog = await store.loadCatalog();
    reply.header('cache-control', 'no-store');
    return {
      toCheck: toCheck.map(toItem),
      mine: mine.map(toItem),
      staff: catalog.staff.filter((s) => ids.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })) };
  });

  route(app, API.paperCheckConfirm, { config: { access: 'paper.enter' } }, async (request, reply): Promise<PaperCheckConfirmation> => {
    const actor = request.actor!;
    const { id } = parseOr400(z.object({ id: UuidV7Schema }), request.params);
    const rating = await store.getRating(id);
    const refusal = rating?.paper ? paperCheckRefusal(actor, { windowId: rating.windowId, staffId: rating.staffId, enteredBy: rating.paper.enteredBy }) : null;
    // Another window's form answers like an absent one: a clerk learns nothing about forms that are not theirs.
    if (!rating?.paper || rating.unitId !== actor.unitId || refusal === PAPER_REFUSALS.notYourWindow) {
      throw new ClientError(404, 'NOT_FOUND', 'no paper form of your window with this id');
    }
    if (refusal) throw new ClientError(403, refusal, REFUSAL_TEXT[refusal]);
    const opening = caseOnPaperCheck(rating);
    const done = await store.confirmPaperCheck(id, actor.id, Date.now(), opening);
    if (!done) throw new ClientError(404, 'NOT_FOUND', 'no paper form of your window with this id');
    if (done.outcome === 'already' && done.checkedBy !== actor.id) throw new ClientError(409, PAPER_REFUSALS.alreadyChecked, 'another person has checked this form');
    if (done.outcome === 'checked') await audit(store, request, 'paper.check', { type: 'rating', id }, { windowId: rating.windowId, staffId: rating.staffId ?? null });
    // The check committed and opened the form's case: the tablets of the person rated and their lead hear it now.
    if (done.outcome === 'checked' && opening) void notifier.publish(caseOpenedBy(rating));
    reply.header('cache-control', 'no-store');
    return { id, checkedBy: done.checkedBy, checkedAt: done.checkedAt };
  });
}
