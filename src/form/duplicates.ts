import { PAPER_PATHS, type DuplicateMatch } from '../domain/paper-api';
import type { RatingRecord } from '../domain/rating';
import type { KioskDatabase } from '../data/db';
import { localDuplicates } from '../data/submit-paper';
import { apiRequest } from '../account/api-client';

export interface DuplicateFinding {
  local: { id: string; at: number }[];
  server: DuplicateMatch[];
}

/**
 * The same form entered before, on this tablet or (when the server answers) at the person's own window: the
 * server never says whether another window holds a form with this evaluator, since that would tell who left it.
 */
export async function findDuplicates(db: KioskDatabase, record: RatingRecord): Promise<DuplicateFinding> {
  const local = await localDuplicates(db, record);
  let server: DuplicateMatch[] = [];
  try {
    server = (
      await apiRequest<{ matches: DuplicateMatch[] }>('POST', PAPER_PATHS.duplicates, {
        json: { caseNumber: record.caseNumber, level: record.level, contact: record.contact && { name: record.contact.name, phone: record.contact.phone } },
      })
    ).matches;
  } catch {
    // Offline, or too many checks in a few minutes (429, logged by the server): this tablet's own memory is all
    // there is to go on, and the form is still saved.
  }
  const seen = new Set(local.map((l) => l.id));
  return { local, server: server.filter((m) => !seen.has(m.id)) };
}
