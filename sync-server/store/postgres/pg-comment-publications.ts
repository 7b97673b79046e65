import type { ContactCipher } from '../../crypto/contact-cipher';
import {
  publicationFromRow, publicationListParams, publicationListSql, publicationOneSql, putPublicationParams, putPublicationSql,
  type CommentPublicationStore, type PublicationRow,
} from '../comment-publication-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** Comment approval for /public on PostgreSQL (migration 011): the same SQL as SQLite's (comment-publication-rows.ts). */
export function pgCommentPublications(db: PgDb, cipher: ContactCipher): CommentPublicationStore {
  return {
    async listCommentsForPublication(scope, state, limit) {
      const rows = await db.query<PublicationRow>(publicationListSql(scope, state, mark), publicationListParams(scope, limit));
      return rows.map((r) => publicationFromRow(r, cipher));
    },
    async getCommentForPublication(ratingId) {
      const [row] = await db.query<PublicationRow>(publicationOneSql(mark), [ratingId]);
      return row ? publicationFromRow(row, cipher) : null;
    },
    async putCommentPublication(decision, expected) {
      return (await db.query(putPublicationSql(expected, mark), putPublicationParams(decision, expected))).length === 1;
    },
  };
}
