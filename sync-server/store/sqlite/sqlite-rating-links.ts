import type Database from 'better-sqlite3';
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

const q = () => '?';

/** Phone-page links on SQLite (migration 019). */
export function sqliteRatingLinks(db: Database.Database, cipher: ContactCipher): RatingLinkStore {
  const insert = db.prepare(ratingLinkInsertSql(q));
  const byHash = db.prepare(ratingLinkByHashSql(q));
  const ratingsOf = db.prepare(serviceCaseRatingsSql(q));
  const ratingsOfMany = db.prepare(serviceCaseRatingsOfSql(`SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`));
  return {
    async ratingLink(input) {
      const token = ratingLinkToken(cipher, input);
      const hash = ratingLinkHash(token);
      const row = db.transaction(() => {
        insert.run(...ratingLinkValues(hash, input));
        return byHash.get(hash) as Row;
      })();
      return { token, link: ratingLinkFromRow(row) };
    },
    async findRatingLink(token) {
      if (!RATING_LINK_TOKEN.test(token)) return null;
      const row = byHash.get(ratingLinkHash(token)) as Row | undefined;
      return row ? ratingLinkFromRow(row) : null;
    },
    async listServiceCaseRatings(unitId, caseNo) {
      return (ratingsOf.all(unitId, caseNo) as Row[]).map(serviceCaseRatingFromRow);
    },
    async listServiceCaseRatingsOf(keys) {
      if (keys.length === 0) return [];
      return (ratingsOfMany.all(serviceCaseKeysJson(keys)) as Row[]).map(serviceCaseRatingOfFromRow);
    },
  };
}
