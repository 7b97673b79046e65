import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import type { SystemToken } from '../../src/domain/service-case-api';
import { audit } from '../auth/audit';
import { tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import type { Store, StoredSystemToken } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

// Business-system tokens are machine credentials like a tablet's: the administrator who enrols tablets makes them.
const manage = { config: { access: 'devices.manage' as const } };

/** What lists and answers show of a token: everything but its hash. */
const shown = ({ tokenHash: _hash, ...t }: StoredSystemToken): SystemToken => t;

/** Tokens with which a hall's business system writes the 办件 of one unit: made (shown once), listed, revoked. */
export function adminSystemTokenRoutes(app: FastifyInstance, store: Store) {
  route(app, API.createSystemToken, manage, async (request, reply) => {
    const input = parseOr400(API.createSystemToken.request, request.body);
    const unit = (await store.loadCatalog()).units.find((u) => u.id === input.unitId);
    if (!unit) throw new ClientError(400, 'UNKNOWN_UNIT', `unit ${input.unitId} does not exist`);
    // 32 random bytes; the prefix tells an operator what a leaked string is. Only the hash is kept.
    const token = `hcs_${randomBytes(32).toString('base64url')}`;
    const stored: StoredSystemToken = {
      id: uuidv7(),
      unitId: unit.id,
      name: input.name,
      tokenHash: tokenHash(token),
      createdBy: request.actor!.id,
      createdAt: Date.now(),
      revokedAt: null,
      revokedBy: null,
      lastUsedAt: null,
    };
    await store.insertSystemToken(stored);
    await audit(store, request, 'system-token.create', { type: 'unit', id: unit.id }, { tokenId: stored.id, name: stored.name });
    reply.code(201).header('cache-control', 'no-store');
    return { token, systemToken: shown(stored) };
  });

  route(app, API.systemTokens, manage, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { tokens: (await store.listSystemTokens()).map(shown) };
  });

  route(app, API.revokeSystemToken, manage, async (request) => {
    const { id } = parseOr400(z.object({ id: CatalogIdSchema }), request.params);
    // The conditional update decides, so two administrators revoking at once get one success and one 409.
    if (!(await store.revokeSystemToken(id, request.actor!.id, Date.now()))) {
      const known = (await store.listSystemTokens()).some((t) => t.id === id);
      throw known ? new ClientError(409, 'ALREADY_REVOKED', `token ${id} was revoked already`) : new ClientError(404, 'NOT_FOUND', `token ${id} does not exist`);
    }
    await audit(store, request, 'system-token.revoke', { type: 'system-token', id });
    return { id, revoked: true as const };
  });
}
