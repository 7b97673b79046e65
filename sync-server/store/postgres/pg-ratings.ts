import type { ContactCipher } from '../../crypto/contact-cipher';
import type { RatingStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgRatings(_db: PgDb, _cipher: ContactCipher): RatingStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgRatings.${String(name)}: not built yet`)) }) as RatingStore;
}
