import { apiRequest } from '../account/api-client';
import { ADMIN_PATHS, type StaffCreate, type StaffPatch } from '../domain/admin-api';
import type { AdminStaff } from './catalog-types';

const staffPath = (id: string) => `${ADMIN_PATHS.staff}/${encodeURIComponent(id)}`;

export const createStaff = (input: StaffCreate) => apiRequest<AdminStaff>('POST', ADMIN_PATHS.staff, { json: input });
export const patchStaff = (id: string, patch: StaffPatch) => apiRequest<AdminStaff>('PATCH', staffPath(id), { json: patch });
/** The photo goes as the raw JPEG body, already resized on this device. */
export const uploadStaffPhoto = (id: string, jpeg: Blob) => apiRequest<{ photoUrl: string }>('PUT', `${staffPath(id)}/photo`, { blob: jpeg, type: 'image/jpeg' });
