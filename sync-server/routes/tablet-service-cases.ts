import type { FastifyInstance } from 'fastify';
import type { ItemRefusal } from '../../src/domain/error-codes';
import type { ServiceCaseFields } from '../../src/domain/service-case';
import { TABLET_TIME_SKEW_MS, TabletServiceCaseSchema, type TabletServiceCase } from '../../src/domain/tablet-service-case';
import { API } from '../../src/domain/endpoints';
import type { SignedIn } from '../auth/session';
import { registerBatchRoute, type ItemOutcome } from '../batch-route';
import type { Catalog, Store } from '../store/store';

/**
 * What the person may write: their own 办件 (entered by them, for their unit and their window), a service item of
 * their unit, times not ahead of the server's clock. The 办件's unit, window and staff member are the session's,
 * never the tablet's word.
 */
function tabletRefusal(item: TabletServiceCase, actor: SignedIn, catalog: Catalog, receivedAt: number): ItemRefusal | null {
  if (item.enteredBy !== actor.id) return { code: 'ENTERED_BY_MISMATCH', message: 'a 办件 is sent by the person who typed it in' };
  if (item.unitId !== actor.unitId) return { code: 'WRONG_UNIT', message: 'a 办件 of another unit' };
  if (actor.windowId === null || item.windowId !== actor.windowId) return { code: 'NOT_YOUR_WINDOW', message: 'a 办件 is typed in for your own window only' };
  const serviceItem = catalog.serviceItems.find((s) => s.id === item.serviceItemId);
  if (!serviceItem || serviceItem.unitId !== actor.unitId) return { code: 'UNKNOWN_SERVICE_ITEM', message: `service item ${item.serviceItemId} is unknown in this unit` };
  const latest = receivedAt + TABLET_TIME_SKEW_MS;
  if (item.acceptedAt > latest || (item.finishedAt ?? 0) > latest) return { code: 'SERVICE_CASE_TIME_IN_FUTURE', message: 'an accepted or finished time lies ahead of the server clock' };
  return null;
}

/**
 * 办件 typed in on window staff's tablets (outbox stream 'serviceCase'), kept with source TABLET. Idempotent by unit
 * + 办件编号 like the business system's batch: a resend is `duplicate`, a corrected entry updates the same 办件.
 * A 办件编号 the unit already holds for another window or person is refused: a tablet never takes over a 办件.
 */
export function tabletServiceCaseRoutes(app: FastifyInstance, store: Store) {
  registerBatchRoute(app, {
    path: API.pushTabletServiceCases.path,
    access: 'paper.enter',
    itemSchema: TabletServiceCaseSchema,
    apply: async (items, { request, receivedAt }) => {
      const actor = request.actor!;
      const catalog = await store.loadCatalog();
      const outcomes: (ItemOutcome | null)[] = [];
      const valid: { i: number; fields: ServiceCaseFields }[] = [];
      for (const [i, { value }] of items.entries()) {
        let refusal = tabletRefusal(value, actor, catalog, receivedAt);
        if (!refusal) {
          const held = await store.findServiceCase(value.unitId, value.caseNo);
          if (held && (held.windowId !== actor.windowId || (held.staffId !== null && held.staffId !== actor.id))) {
            refusal = { code: 'SERVICE_CASE_OF_ANOTHER', message: `办件 ${value.caseNo} is recorded for another window or person` };
          }
        }
        outcomes.push(refusal ? { status: 'invalid', error: refusal } : null);
        if (!refusal) {
          const { caseNo, serviceItemId, unitId, windowId, applicantType, acceptedAt, finishedAt, status } = value;
          valid.push({ i, fields: { caseNo, serviceItemId, unitId, windowId, staffId: actor.id, applicantType, acceptedAt, finishedAt, status, source: 'TABLET' } });
        }
      }
      // One transaction for the valid ones: an error writes none of them, and the tablet keeps all to send again.
      const written = valid.length ? await store.upsertServiceCases(valid.map((v) => v.fields), receivedAt) : [];
      valid.forEach(({ i }, k) => {
        outcomes[i] = { status: written[k].outcome === 'unchanged' ? 'duplicate' : 'accepted' };
      });
      return { outcomes: outcomes as ItemOutcome[] };
    },
  });
}
