// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * Rating invitations (一次一评): staff ask their window's kiosk to rate one 办件; the invitation's id is the
 * rating's `sessionId`. The kiosk's long poll reads the newest open invitation of its window by (window_id, id)
 * (ids are UUIDv7: time-ordered). An answered invitation names its rating (answered_rating_id UNIQUE); a newer
 * invitation for the same window cancels an open older one. A KIOSK invitation is one the kiosk's staff panel
 * made offline: the server learns of it with its rating, already answered, so service_item_id and
 * service_case_id may be unknown (null).
 *
 * Exactly one rating per invitation: the partial unique index on ratings(session_id) decides, also between
 * instances (a second, different rating with the same session id is refused: INVITATION_USED). `time` is the
 * type of a Unix-ms column: INTEGER here, BIGINT in PostgreSQL's migration 006.
 */
export const ratingInvitationsSql = (time: string) => `
  CREATE TABLE rating_invitations (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    window_id TEXT NOT NULL REFERENCES windows(id),
    service_case_id TEXT REFERENCES service_cases(id),
    case_no TEXT NOT NULL,
    service_item_id TEXT REFERENCES service_items(id),
    staff_id TEXT REFERENCES staff(id),
    source TEXT NOT NULL CHECK (source IN ('TABLET', 'API', 'KIOSK')),
    created_by TEXT,
    created_at ${time} NOT NULL,
    expires_at ${time} NOT NULL,
    answered_rating_id TEXT UNIQUE,
    answered_at ${time},
    cancelled_at ${time},
    CHECK ((answered_rating_id IS NULL) = (answered_at IS NULL))
  );
  CREATE INDEX rating_invitations_window_id ON rating_invitations(window_id, id);
  CREATE INDEX rating_invitations_service_case ON rating_invitations(service_case_id) WHERE service_case_id IS NOT NULL;
  CREATE UNIQUE INDEX ratings_one_per_session ON ratings(session_id) WHERE session_id IS NOT NULL;
`;

export const MIGRATION_18_SQL = ratingInvitationsSql('INTEGER');
