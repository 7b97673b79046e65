import type { ContactCipher } from '../../crypto/contact-cipher';
import type { Store } from '../store';
import { openPgDb, type PgDb, type PgOptions } from './pg-db';
import { migratePg } from './pg-migrations';
import { pgAbandonedTaps } from './pg-abandoned-taps';
import { pgAccounts } from './pg-accounts';
import { pgAudit } from './pg-audit';
import { pgCases } from './pg-cases';
import { pgCatalog } from './pg-catalog';
import { pgDefaultRatings } from './pg-default-ratings';
import { pgDevices } from './pg-devices';
import { pgLimits } from './pg-limits';
import { pgPaperChecks } from './pg-paper-checks';
import { pgRatings } from './pg-ratings';
import { pgRoleGrants } from './pg-role-grants';
import { pgServiceCases } from './pg-service-cases';
import { pgInvitations } from './pg-invitations';
import { pgRatingLinks } from './pg-rating-links';
import { pgSettings } from './pg-settings';
import { pgRatingFlags } from './pg-rating-flags';
import { pgFigures } from './pg-figures';
import { pgAnnual } from './pg-annual';
import { pgCommentPublications } from './pg-comment-publications';
import { pgMonthCloses } from './pg-month-closes';
import { pgRankingSettings } from './pg-ranking-settings';
import { pgBulletin } from './pg-bulletin';
import { pgPublic } from './pg-public';

/** True for a DATABASE_URL that selects this store. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** IF NOT EXISTS is no lock: two instances creating the schema together may see a unique violation, meaning "made". */
async function createSchema(db: PgDb, schema: string) {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (err) {
    if (!['23505', '42P06'].includes((err as { code?: string }).code ?? '')) throw err;
  }
}

/**
 * Opens a pool on the database, creates the schema when one is named, applies the migrations (under an advisory
 * lock: several instances may start together) and returns the store.
 */
export async function openPostgresStore(options: PgOptions, cipher: ContactCipher): Promise<Store> {
  const db = openPgDb(options);
  try {
    if (options.schema) await createSchema(db, options.schema);
    await migratePg(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    kind: 'postgres',
    ...pgCatalog(db),
    ...pgAccounts(db),
    ...pgRatings(db, cipher),
    ...pgAudit(db),
    ...pgDevices(db),
    ...pgCases(db),
    ...pgPaperChecks(db),
    ...pgSettings(db),
    ...pgRoleGrants(db),
    ...pgAbandonedTaps(db),
    ...pgLimits(db),
    ...pgServiceCases(db),
    ...pgDefaultRatings(db, cipher),
    ...pgInvitations(db),
    ...pgRatingFlags(db),
    ...pgRatingLinks(db, cipher),
    ...pgFigures(db),
    ...pgAnnual(db),
    ...pgCommentPublications(db, cipher),
    ...pgMonthCloses(db),
    ...pgRankingSettings(db),
    ...pgBulletin(db),
    ...pgPublic(db),
    async close() {
      await db.close();
    },
  };
}
