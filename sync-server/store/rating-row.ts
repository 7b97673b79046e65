import { createHash } from 'node:crypto';
import { maskName, maskPhone, type Contact } from '../../src/domain/contact';
import type { RatingRecord } from '../../src/domain/rating';
import type { MaskedContact } from '../../src/domain/ratings-api';
import { scrubText } from '../../src/domain/scrub';
import { paperDuplicateText } from '../canonical';
import type { ContactCipher } from '../crypto/contact-cipher';
import type { IngestBatch, StoredConflict, StoredRating } from './store';

/** A rating as columns, shared by every SQL store so the mapping is written once. */
export interface RatingRow {
  seq?: number;
  id: string;
  payload_hash: string;
  schema_version: number;
  level: string;
  reasons_json: string;
  other_reason: string | null;
  /** The comment encrypted like the contact; lists read the scrubbed copy beside it. */
  comment_enc: string | null;
  comment_scrubbed: string | null;
  contact_enc: string | null;
  contact_name_masked: string | null;
  contact_phone_masked: string | null;
  contact_company_masked: string | null;
  channel: string;
  unit_id: string;
  window_id: string;
  staff_id: string | null;
  device_id: string;
  device_time: number;
  rated_at: number;
  clock_offset_ms: number;
  received_at: number;
  locale: string;
  case_number: string | null;
  session_id: string | null;
  invited_at: number | null;
  assessment_no: number | null;
  service_item_id: string | null;
  service_date: string | null;
  entered_by: string | null;
  checked_by: string | null;
  has_photo: number | null;
  /** Keyed fingerprint of case number, level and evaluator, for the paper duplicate check (paper forms only). */
  paper_fingerprint: string | null;
  /** 1: the evaluator allows the comment on /public once approved (migration 023); 0: private. */
  publish_consent: number;
}

export const RATING_COLUMNS: (keyof RatingRow)[] = [
  'id', 'payload_hash', 'schema_version', 'level', 'reasons_json', 'other_reason', 'comment_enc', 'comment_scrubbed', 'contact_enc',
  'contact_name_masked', 'contact_phone_masked', 'contact_company_masked', 'channel', 'unit_id', 'window_id',
  'staff_id', 'device_id', 'device_time', 'rated_at', 'clock_offset_ms', 'received_at', 'locale', 'case_number',
  'session_id', 'invited_at', 'assessment_no', 'service_item_id', 'service_date', 'entered_by', 'checked_by', 'has_photo',
  'paper_fingerprint', 'publish_consent',
];

/** The masked columns lists read, so a list never needs the key. */
export function maskedContactColumns(contact: Contact | undefined) {
  return {
    contact_name_masked: contact?.name ? maskName(contact.name) : null,
    contact_phone_masked: contact?.phone ? maskPhone(contact.phone) : null,
    contact_company_masked: contact?.company ? maskName(contact.company) : null,
  };
}

/** `keyedHash` is the fingerprint the store keeps (never the plain digest: see canonical.ts). */
export function toRatingRow(record: RatingRecord, keyedHash: string, batch: IngestBatch, cipher: ContactCipher): RatingRow {
  return {
    id: record.id,
    payload_hash: keyedHash,
    schema_version: record.v,
    level: record.level,
    reasons_json: JSON.stringify(record.reasons),
    other_reason: record.otherReason ?? null,
    comment_enc: record.comment ? cipher.encryptText(record.comment) : null,
    comment_scrubbed: record.comment ? scrubText(record.comment) : null,
    contact_enc: record.contact ? cipher.encrypt(record.contact) : null,
    ...maskedContactColumns(record.contact),
    channel: record.channel,
    unit_id: record.unitId,
    window_id: record.windowId,
    staff_id: record.staffId ?? null,
    device_id: record.deviceId,
    device_time: record.deviceTime,
    rated_at: record.deviceTime + batch.clockOffsetMs,
    clock_offset_ms: batch.clockOffsetMs,
    received_at: batch.receivedAt,
    locale: record.locale,
    case_number: record.caseNumber ?? null,
    session_id: record.sessionId ?? null,
    invited_at: record.invitedAt ?? null,
    assessment_no: record.assessmentNo ?? null,
    service_item_id: record.paper?.serviceItemId ?? null,
    service_date: record.paper?.serviceDate ?? null,
    entered_by: record.paper?.enteredBy ?? null,
    checked_by: record.paper?.checkedBy ?? null,
    has_photo: record.paper ? (record.paper.hasPhoto ? 1 : 0) : null,
    paper_fingerprint: record.channel === 'PAPER' && record.caseNumber ? paperFingerprint(cipher, record.caseNumber, record.level, record.contact) : null,
    publish_consent: record.publishComment ? 1 : 0,
  };
}

/** The keyed fingerprint a paper form is found by (case number, level, evaluator): no contact is decrypted to compare. */
export function paperFingerprint(cipher: ContactCipher, caseNumber: string, level: string, contact?: Contact): string {
  return cipher.fingerprint(paperDuplicateText(caseNumber, level, contact));
}

/** A form photo's digest, keyed like every stored digest (the column keeps its old name, sha256). */
export function photoFingerprint(cipher: ContactCipher, bytes: Buffer): string {
  return cipher.fingerprint(createHash('sha256').update(bytes).digest('base64url'));
}

/** A second content under a stored rating's id, as columns of rating_conflicts. */
export interface ConflictRow {
  rating_id: string;
  payload_hash: string;
  payload_json: string;
  contact_enc: string | null;
  comment_enc: string | null;
  device_id: string;
  received_at: number;
}

export const CONFLICT_COLUMNS: (keyof ConflictRow)[] = ['rating_id', 'payload_hash', 'payload_json', 'contact_enc', 'comment_enc', 'device_id', 'received_at'];

/** Kept like a rating: contact and comment encrypted, the comment's scrubbed copy readable in the payload. */
export function toConflictRow(record: RatingRecord, keyedHash: string, batch: IngestBatch, cipher: ContactCipher): ConflictRow {
  const { contact, ...rest } = record;
  if (rest.comment) rest.comment = scrubText(rest.comment);
  return {
    rating_id: record.id,
    payload_hash: keyedHash,
    payload_json: JSON.stringify(rest),
    contact_enc: contact ? cipher.encrypt(contact) : null,
    comment_enc: record.comment ? cipher.encryptText(record.comment) : null,
    device_id: batch.deviceId,
    received_at: batch.receivedAt,
  };
}

export function conflictFromRow(r: ConflictRow): StoredConflict {
  return {
    ratingId: r.rating_id,
    deviceId: r.device_id,
    receivedAt: Number(r.received_at),
    payload: JSON.parse(r.payload_json),
    hasContact: r.contact_enc !== null,
  };
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function maskedContact(row: RatingRow): MaskedContact | null {
  if (!row.contact_enc) return null;
  const masked: MaskedContact = {};
  if (row.contact_name_masked) masked.name = row.contact_name_masked;
  if (row.contact_phone_masked) masked.phone = row.contact_phone_masked;
  if (row.contact_company_masked) masked.company = row.contact_company_masked;
  return masked;
}

export function fromRatingRow(row: RatingRow): StoredRating {
  return {
    id: row.id,
    v: row.schema_version as 1,
    level: row.level as StoredRating['level'],
    reasons: JSON.parse(row.reasons_json),
    otherReason: opt(row.other_reason),
    // Scrubbed: the full comment is seen only through a logged reveal.
    comment: opt(row.comment_scrubbed),
    // Only when given: a private comment reads as the record that never asked (absent).
    publishComment: Number(row.publish_consent) === 1 ? true : undefined,
    contact: maskedContact(row),
    channel: row.channel as StoredRating['channel'],
    unitId: row.unit_id,
    windowId: row.window_id,
    staffId: opt(row.staff_id),
    deviceId: row.device_id,
    deviceTime: Number(row.device_time),
    locale: row.locale as StoredRating['locale'],
    caseNumber: opt(row.case_number),
    sessionId: opt(row.session_id),
    invitedAt: row.invited_at === null ? undefined : Number(row.invited_at),
    assessmentNo: opt(row.assessment_no),
    paper:
      row.service_item_id && row.service_date && row.entered_by
        ? {
            serviceItemId: row.service_item_id,
            serviceDate: row.service_date,
            enteredBy: row.entered_by,
            checkedBy: opt(row.checked_by),
            hasPhoto: row.has_photo === 1,
          }
        : undefined,
    seq: Number(row.seq),
    receivedAt: Number(row.received_at),
    ratedAt: Number(row.rated_at),
    clockOffsetMs: Number(row.clock_offset_ms),
  };
}
