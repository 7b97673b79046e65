import type Database from 'better-sqlite3';
import type { ContactCipher } from '../../crypto/contact-cipher';
import {
  publicationFromRow, publicationListParams, publicationListSql, publicationOneSql, putPublicationParams, putPublicationSql,
  type CommentPublicationStore, type PublicationRow,
} from '../comment-publication-rows';

const q = () => '?';

/** Comment approval for /public on SQLite (migration 023): the SQL is comment-publication-rows.ts's. */
export function sqliteCommentPublications(db: Database.Database, cipher: ContactCipher): CommentPublicationStore {
  const one = db.prepare(publicationOneSql(q));
  return {
    async listCommentsForPublication(scope, state, limit) {
      const rows = db.prepare(publicationListSql(scope, state, q)).all(...publicationListParams(scope, limit)) as PublicationRow[];
      return rows.map((r) => publicationFromRow(r, cipher));
    },
    async getCommentForPublication(ratingId) {
      const row = one.get(ratingId) as PublicationRow | undefined;
      return row ? publicationFromRow(row, cipher) : null;
    },
    async putCommentPublication(decision, expected) {
      return db.prepare(putPublicationSql(expected, q)).all(...putPublicationParams(decision, expected)).length === 1;
    },
  };
}
