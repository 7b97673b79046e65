// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * When a case was closed (null while open), kept beside its event log so the open count and the lists a tablet
 * polls are one indexed query instead of a replay of every case ever received.
 */
export const MIGRATION_6_SQL = `
  ALTER TABLE cases ADD COLUMN closed_at INTEGER;
  -- A case is closed when its last event is CLOSE (REOPEN always follows a CLOSE).
  UPDATE cases SET closed_at = (
    SELECT e.at FROM case_events e WHERE e.case_id = cases.id AND json_extract(e.action_json, '$.type') = 'CLOSE'
      AND e.seq = (SELECT MAX(seq) FROM case_events WHERE case_id = cases.id)
  );
  CREATE INDEX cases_closed ON cases(closed_at);
`;
