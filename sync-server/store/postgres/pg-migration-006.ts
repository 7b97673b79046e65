// Shipped once released: never edit. Changes go into a new numbered migration.

import { ratingInvitationsSql } from '../sqlite/migration-018';

// Rating invitations and one rating per session id, as SQLite's migration 018 (the reasons are there), times as BIGINT.
export const PG_MIGRATION_6_SQL = ratingInvitationsSql('BIGINT');
