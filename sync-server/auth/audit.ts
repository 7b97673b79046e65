import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/store';

/** Writes one audit entry for the request's actor. Reveals, sign-ins and catalogue changes all come here. */
export async function audit(
  store: Store,
  request: FastifyRequest,
  action: string,
  target?: { type: string; id: string },
  detail?: Record<string, unknown>,
  actorId: string | null = request.actor?.id ?? null,
) {
  await store.appendAudit({
    at: Date.now(),
    actorId,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    detail: detail ?? null,
    ip: request.ip ?? null,
  });
}
