import type { FastifyInstance } from 'fastify';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import { ClientError } from '../errors';
import type { CatalogStaff, Store } from '../store/store';
import { parseOr400 } from '../validate';
import * as z from 'zod/mini';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

export const STAFF_PHOTO_PATH = API.staffPhoto.path;

/** The versioned URL, so a new photo is fetched at once while an unchanged one stays cached. */
export function staffPhotoUrl(staff: Pick<CatalogStaff, 'id' | 'photoUpdatedAt'>): string | null {
  return staff.photoUpdatedAt ? `/api/v1/staff/${encodeURIComponent(staff.id)}/photo?v=${staff.photoUpdatedAt}` : null;
}

/** Public: the staff card at the window shows the photo to every citizen. */
export function staffPhotoRoute(app: FastifyInstance, store: Store) {
  route(app, API.staffPhoto, { config: { access: 'public' } }, async (request, reply) => {
    const { id } = parseOr400(z.object({ id: CatalogIdSchema }), request.params);
    const photo = await store.getStaffPhoto(id);
    if (!photo) throw new ClientError(404, 'NOT_FOUND', 'no photo for this staff member');
    return reply.type(photo.mime).header('cache-control', 'public, max-age=86400').send(photo.bytes);
  });
}
