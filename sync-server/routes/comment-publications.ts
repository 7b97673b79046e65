import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { UuidV7Schema } from '../../src/domain/base-schemas';
import {
  mayDecidePublication, PUBLICATION_LIST_LIMIT, publicationScope, type PublicationDecision, type PublicationItem, type PublicationList,
} from '../../src/domain/comment-publication';
import { API } from '../../src/domain/endpoints';
import { isBadLevel } from '../../src/domain/levels';
import { audit } from '../auth/audit';
import { publicationText } from '../disclosure/publication-text';
import { ClientError } from '../errors';
import type { CommentForPublication, StoredPublication } from '../store/comment-publication-rows';
import type { Catalog, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

const access = { config: { access: 'comments.publish' as const } };

function decisionOut(d: StoredPublication, catalog: Catalog): PublicationDecision {
  return { verdict: d.verdict, scrubbedText: d.scrubbedText, by: d.by, byName: catalog.staff.find((s) => s.id === d.by)?.name ?? null, at: d.at };
}

/** One list row: never the comment or the contact, only what /public would show (or nothing, when declined). */
function itemOut(c: CommentForPublication, catalog: Catalog): PublicationItem {
  const { rating, decision } = c;
  return {
    ratingId: rating.id,
    unitId: rating.unitId,
    windowId: rating.windowId,
    staffId: rating.staffId ?? null,
    level: rating.level,
    reasons: rating.reasons,
    channel: rating.channel,
    ratedAt: rating.ratedAt,
    preview: decision === null ? publicationText(c, catalog) : decision.scrubbedText,
    decision: decision && decisionOut(decision, catalog),
  };
}

/**
 * Approval of evaluators' comments for /public (issue 16): the list of those waiting and decided in the person's
 * scope (publicationScope: the office every unit, a lead their window), and the decision, audited without text.
 */
export function commentPublicationRoutes(app: FastifyInstance, store: Store) {
  route(app, API.commentPublications, access, async (request, reply): Promise<PublicationList> => {
    const scope = publicationScope(request.actor!);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no window is in your scope');
    const [allWaiting, allDecided, catalog] = await Promise.all([
      store.listCommentsForPublication(scope, 'waiting', PUBLICATION_LIST_LIMIT),
      store.listCommentsForPublication(scope, 'decided', PUBLICATION_LIST_LIMIT),
      store.loadCatalog(),
    ]);
    // A review of the person themselves is decided by someone else (the office, or the window's other lead).
    const mine = (c: CommentForPublication) => mayDecidePublication(request.actor!, scope, c.rating);
    const [waiting, decided] = [allWaiting.filter(mine), allDecided.filter(mine)];
    const windowIds = new Set([...waiting, ...decided].map((c) => c.rating.windowId));
    reply.header('cache-control', 'no-store');
    return {
      waiting: waiting.map((c) => itemOut(c, catalog)),
      decided: decided.map((c) => itemOut(c, catalog)),
      refs: {
        reasons: catalog.reasons,
        windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
      },
    };
  });

  route(app, API.decideCommentPublication, access, async (request, reply) => {
    const actor = request.actor!;
    const { id } = parseOr400(z.object({ id: UuidV7Schema }), request.params);
    const { verdict } = parseOr400(API.decideCommentPublication.request, request.body);
    const scope = publicationScope(actor);
    const found = await store.getCommentForPublication(id);
    // Out of scope, or a review of the person themselves, answers like absent (and like a rating without a comment).
    if (!found || !scope || !mayDecidePublication(actor, scope, found.rating)) throw new ClientError(404, 'NOT_FOUND', 'no such comment in your scope');
    if (!found.consent || !isBadLevel(found.rating.level)) {
      throw new ClientError(409, 'COMMENT_NOT_PUBLISHABLE', 'only a bad review whose evaluator allowed publication can be published');
    }
    const previous = found.decision?.verdict ?? null;
    if (previous === null && !found.disclosure) throw new ClientError(409, 'DISCLOSURE_OFF', 'the unit has not switched disclosure on');
    // A first decision, or the withdrawal of an approval; a declined comment stays declined.
    if (previous !== null && !(previous === 'APPROVED' && verdict === 'DECLINED')) {
      throw new ClientError(409, 'PUBLICATION_DECIDED', `the comment is already ${previous.toLowerCase()}`);
    }
    const catalog = await store.loadCatalog();
    // The text is made here, as the list previewed it: nothing the client sends can become public.
    const decision: StoredPublication = {
      ratingId: id, verdict, scrubbedText: verdict === 'APPROVED' ? publicationText(found, catalog) : null, by: actor.id, at: Date.now(),
    };
    if (!(await store.putCommentPublication(decision, previous))) throw new ClientError(409, 'PUBLICATION_DECIDED', 'another decision came first');
    // Never the text in the log, raw or scrubbed: the audit log is read by more people than the comment was meant for.
    await audit(store, request, 'comment.publish', { type: 'rating', id }, {
      verdict, previous, unitId: found.rating.unitId, windowId: found.rating.windowId, staffId: found.rating.staffId ?? null,
    });
    reply.header('cache-control', 'no-store');
    return { ratingId: id, decision: decisionOut(decision, catalog) };
  });
}
