import type { ItemOutcome } from '../batch-route';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import type { InsertOutcome } from '../store/store';

/**
 * A stored outcome as the pushing device reads it. The invitation refusals are 'invalid': the kiosk keeps the
 * record aside with the reason (nothing is deleted) and does not send it again.
 */
export function itemOutcomeOf(status: InsertOutcome): ItemOutcome {
  switch (status) {
    case 'conflict':
      return { status, error: { code: ERROR_CODES.idConflict, message: 'this id is stored with different content' } };
    case 'invitation-used':
      return { status: 'invalid', error: { code: 'INVITATION_USED', message: 'another rating already answered this invitation (sessionId)' } };
    case 'invitation-mismatch':
      return { status: 'invalid', error: { code: 'INVITATION_MISMATCH', message: 'this sessionId is an invitation of another window or 办件' } };
    default:
      return { status };
  }
}
