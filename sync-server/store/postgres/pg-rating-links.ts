import type { ContactCipher } from '../../crypto/contact-cipher';
import type { Row } from '../catalog-rows';
import {
  RATING_LINK_TOKEN,
  ratingLinkByHashSql,
  ratingLinkFromRow,
  ratingLinkHash,
  ratingLinkInsertSql,
  ratingLinkToken,
  ratingLinkValues,
  serviceCaseRatingFromRow,
  serviceCaseRatingsSql,
  serviceCaseKeysJson,
  serviceCaseRatingOfFromRow,
  serviceCaseRatingsOfSql,
  type RatingLinkStore,
} from '../rating-link-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** Phone-page links on PostgreSQL (migration 007). */
export function pgRatingLinks(db: PgDb, cipher: ContactCipher): RatingLinkStore {
  return {
    async ratingLink(input) {
      const token = ratingLinkToken(cipher, input);
      const hash = ratingLinkHash(token);
      // ON CONFLICT DO NOTHING, then read: an instance that lost the race reads the winner's row (READ COMMITTED
      // sees it once the conflicting insert has committed, which the insert waited for).
      await db.query(ratingLinkInsertSql(mark), ratingLinkValues(hash, input));
      const [row] = await db.query<Row>(ratingLinkByHashSql(mark), [hash]);
      return { token, link: ratingLinkFromRow(row) };
    },
    async findRatingLink(token) {
      if (!RATING_LINK_TOKEN.test(token)) return null;
      const [row] = await db.query<Row>(ratingLinkByHashSql(mark), [ratingLinkHash(token)]);
      return row ? ratingLinkFromRow(row) : null;
    },
    async listServiceCaseRatings(unitId, caseNo) {
      return (await db.query<Row>(serviceCaseRatingsSql(mark), [unitId, caseNo])).map(serviceCaseRatingFromRow);
    },
    async listServiceCaseRatingsOf(keys) {
      if (keys.length === 0) return [];
      const sql = serviceCaseRatingsOfSql(`SELECT k->>0, k->>1 FROM jsonb_array_elements($1::jsonb) k`);
      return (await db.query<Row>(sql, [serviceCaseKeysJson(keys)])).map(serviceCaseRatingOfFromRow);
    },
  };
}
