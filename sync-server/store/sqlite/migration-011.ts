// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * From version 11 a 不予采纳 decision or a special deadline waits for an approval before the case may go on
 * (issue 10: the person rated could close their own case naming an approver who never approved). Cases closed
 * before that on such a decision rest on an approval nobody gave: they are open again (closed_at NULL), where
 * replaying their log now leaves them, awaiting the approver. Their events stay as they are, history included.
 * Plain SQL on purpose: a migration must not change with later versions of the state machine.
 */
export const MIGRATION_11_SQL = `
  UPDATE cases SET closed_at = NULL
  WHERE closed_at IS NOT NULL
    AND (
      SELECT json_extract(d.action_json, '$.path') FROM case_events d
      WHERE d.case_id = cases.id AND json_extract(d.action_json, '$.type') = 'DECIDE'
      ORDER BY d.seq DESC LIMIT 1
    ) IN ('NOT_ADOPTED', 'SPECIAL');
`;
