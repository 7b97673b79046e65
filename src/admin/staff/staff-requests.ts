import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type PendingRoleGrant, type StaffCreate, type StaffPatch, type StaffSaveResult } from '../../domain/admin-api';
import type { AdminStaff } from '../shared/catalog-types';

const staffPath = (id: string) => `${ADMIN_PATHS.staff}/${encodeURIComponent(id)}`;

type Saved = AdminStaff & Partial<StaffSaveResult>;
export const createStaff = (input: StaffCreate) => apiRequest<Saved>('POST', ADMIN_PATHS.staff, { json: input });
export const patchStaff = (id: string, patch: StaffPatch) => apiRequest<Saved>('PATCH', staffPath(id), { json: patch });

/** Grants of guarded roles waiting for a second administrator, and the decision on one. */
export const listRoleGrants = () => apiRequest<{ grants: PendingRoleGrant[] }>('GET', ADMIN_PATHS.roleGrants);
export const decideRoleGrant = (id: string, decision: 'approve' | 'refuse') =>
  apiRequest<unknown>('POST', `${ADMIN_PATHS.roleGrants}/${encodeURIComponent(id)}/${decision}`);
/** The photo goes as the raw JPEG body, already resized on this device. */
export const uploadStaffPhoto = (id: string, jpeg: Blob) => apiRequest<{ photoUrl: string }>('PUT', `${staffPath(id)}/photo`, { blob: jpeg, type: 'image/jpeg' });
