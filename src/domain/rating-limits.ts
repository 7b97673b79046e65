/** Limits the kiosk form and the record schema share. */
export const RATING_SCHEMA_VERSION = 1;
export const MAX_COMMENT_LENGTH = 500;
export const MAX_OTHER_REASON_LENGTH = 200;
