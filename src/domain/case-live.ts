import * as z from 'zod/mini';
import { CatalogIdSchema, UuidV7Schema } from './base-schemas';

/**
 * The live case stream (issue 13): a Server-Sent Events answer telling a signed-in tablet at once that a bad review
 * in its person's scope opened a case, so the tablet reads the summary now instead of at its next poll. It carries
 * no contact data and no comment: only where the case belongs, which the scope check needs and the case list shows
 * anyway. The summary poll stays: the stream only says "look now".
 */
export const CASE_LIVE_PATH = '/api/v1/cases/live';

/** A case just opened: its id (the rating's) and where it belongs (staff null: a rating of the window as a whole). */
export const CaseOpenedSchema = z.object({
  caseId: UuidV7Schema,
  windowId: CatalogIdSchema,
  staffId: z.nullable(CatalogIdSchema),
  unitId: CatalogIdSchema,
});
export type CaseOpened = z.infer<typeof CaseOpenedSchema>;

/**
 * One message of the stream (the `data:` line, JSON): a case opened in the person's scope, or `resync` when the
 * server may have missed events (its database notification channel was down) and every tablet should look now.
 */
export const CaseLiveMessageSchema = z.union([
  z.object({ type: z.literal('case-opened'), case: CaseOpenedSchema }),
  z.object({ type: z.literal('resync') }),
]);
export type CaseLiveMessage = z.infer<typeof CaseLiveMessageSchema>;

/** How long a browser waits before reconnecting a dropped stream (the `retry:` hint). */
export const CASE_LIVE_RETRY_MS = 5_000;
