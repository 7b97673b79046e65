import type { LocalizedText } from './locales';
import { PUSH_PAPER_PATH } from './sync-constants';
import type { Reason } from './reasons';

export const PAPER_PATHS = {
  config: '/api/v1/forms/config',
  push: PUSH_PAPER_PATH,
  duplicates: '/api/v1/forms/duplicate-check',
} as const;
export const paperPhotoPath = (ratingId: string) => `/api/v1/sync/paper/${ratingId}/photo`;
export const ratingPhotoPath = (ratingId: string) => `/api/v1/ratings/${ratingId}/photo`;

/** Largest photo of a paper form the server takes; the tablet resizes well below it. */
export const MAX_PAPER_PHOTO_BYTES = 1024 * 1024;

/** What the form needs to work offline, for the signed-in person's unit; cached on the tablet. */
export interface PaperFormConfig {
  unit: { id: string; name: LocalizedText };
  windows: { id: string; number: string; name: LocalizedText }[];
  staff: { id: string; name: string; employeeNo: string; windowId: string | null }[];
  serviceItems: { id: string; code: string; name: LocalizedText }[];
  reasons: Reason[];
  fetchedAt: number;
  /** The server's public key for the unsent-records file (a staff tablet has no kiosk configuration to carry it). */
  unsentExportKey?: import('./unsent-export').ExportPublicKey;
}

export interface DuplicateMatch {
  id: string;
  ratedAt: number;
  serviceDate: string | null;
  enteredBy: string | null;
}
