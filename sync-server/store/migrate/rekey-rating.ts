import { RatingRecordSchema, type RatingRecord } from '../../../src/domain/rating';
import { paperDuplicateText, payloadHash } from '../../canonical';
import type { ContactCipher } from '../../crypto/contact-cipher';
import { fromRatingRow, type RatingRow } from '../rating-row';

/** The two keys of a move: the hall's (source) and the province's (target). */
export interface Rekey {
  from: ContactCipher;
  to: ContactCipher;
  /** Same key on both sides: every value is copied as it is. */
  same: boolean;
}

/**
 * The record as the push route hashed it, rebuilt from its row and its decrypted contact and comment. A paper
 * form is hashed without its checker (the route drops that claim; the check sets it later), unless it was typed
 * in before checks existed: both are tried against the stored fingerprint.
 */
function candidates(row: RatingRow, key: ContactCipher): RatingRecord[] {
  const { seq: _seq, receivedAt: _r, ratedAt: _a, clockOffsetMs: _o, ...stored } = fromRatingRow(row);
  const base = {
    ...stored,
    contact: row.contact_enc ? key.decrypt(row.contact_enc) : undefined,
    comment: row.comment_enc ? key.decryptText(row.comment_enc) : undefined,
  };
  const out: RatingRecord[] = [];
  const parse = (r: unknown) => {
    const parsed = RatingRecordSchema.safeParse(r);
    if (parsed.success) out.push(parsed.data);
  };
  if (base.paper) {
    const { checkedBy: _c, ...paper } = base.paper;
    parse({ ...base, paper });
  }
  parse(base);
  return out;
}

export interface RekeyedRating {
  row: RatingRow;
  /** False when no rebuilt record matched the stored fingerprint: a later replay of it will be kept as a conflict. */
  digestFound: boolean;
}

/** A rating row under the target key: contact and comment re-encrypted, every fingerprint made again. */
export function rekeyRatingRow(row: RatingRow, keys: Rekey): RekeyedRating {
  if (keys.same) return { row, digestFound: true };
  const { from, to } = keys;
  const digest = candidates(row, from)
    .map((r) => payloadHash(r))
    .find((d) => from.fingerprint(d) === row.payload_hash);
  const contact = row.contact_enc ? from.decrypt(row.contact_enc) : null;
  return {
    digestFound: digest !== undefined,
    row: {
      ...row,
      // Unmatched: still unique and stable (a second run gives the same), never equal to a real replay's.
      payload_hash: digest !== undefined ? to.fingerprint(digest) : to.fingerprint(`moved-without-digest:${row.payload_hash}`),
      contact_enc: contact ? to.encrypt(contact) : null,
      comment_enc: row.comment_enc ? to.encryptText(from.decryptText(row.comment_enc)) : null,
      paper_fingerprint:
        row.paper_fingerprint !== null && row.case_number ? to.fingerprint(paperDuplicateText(row.case_number, row.level, contact)) : row.paper_fingerprint,
    },
  };
}
