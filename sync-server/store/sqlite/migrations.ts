import type Database from 'better-sqlite3';
import type { ContactCipher } from '../../crypto/contact-cipher';
import { maskedContactColumns } from '../rating-row';
import { MIGRATION_1_SQL } from './migration-001';
import { MIGRATION_2_SQL_BEFORE, MIGRATION_2_SQL_AFTER } from './migration-002';
import { MIGRATION_3_SQL } from './migration-003';
import { MIGRATION_4_SQL } from './migration-004';
import { MIGRATION_5_SQL } from './migration-005';
import { MIGRATION_6_SQL } from './migration-006';
import { MIGRATION_8_SQL } from './migration-008';
import { MIGRATION_9_SQL } from './migration-009';
import { MIGRATION_10_SQL } from './migration-010';
import { keyDigestsAndEncryptComments, MIGRATION_7_SQL_AFTER, MIGRATION_7_SQL_BEFORE } from './migration-007';
import { MIGRATION_11_SQL } from './migration-011';
import { MIGRATION_12_SQL } from './migration-012';
import { MIGRATION_13_SQL } from './migration-013';
import { MIGRATION_14_SQL } from './migration-014';
import { CASE_COUNT_INDEXES_SQL } from './migration-015';
import { MIGRATION_16_SQL } from './migration-016';
import { MIGRATION_17_SQL } from './migration-017';
import { MIGRATION_18_SQL } from './migration-018';
import { MIGRATION_19_SQL } from './migration-019';
import { MIGRATION_20_SQL } from './migration-020';
import { MIGRATION_21_SQL } from './migration-021';
import { MIGRATION_22_SQL } from './migration-022';
import { MIGRATION_23_SQL } from './migration-023';
import { MIGRATION_24_SQL } from './migration-024';
import { MIGRATION_25_SQL } from './migration-025';

export interface MigrationContext {
  cipher: ContactCipher;
}

/** Numbered migrations. Never edit one that has shipped: add the next number. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database, ctx: MigrationContext): void;
}

/** Contact columns written in the clear by version 1 are encrypted, masked copies kept for lists, then dropped. */
function encryptExistingContacts(db: Database.Database, { cipher }: MigrationContext) {
  const rows = db.prepare('SELECT id, contact_name, contact_phone, contact_company FROM ratings WHERE contact_name IS NOT NULL OR contact_phone IS NOT NULL OR contact_company IS NOT NULL').all() as {
    id: string;
    contact_name: string | null;
    contact_phone: string | null;
    contact_company: string | null;
  }[];
  const update = db.prepare(
    'UPDATE ratings SET contact_enc = ?, contact_name_masked = ?, contact_phone_masked = ?, contact_company_masked = ? WHERE id = ?',
  );
  for (const r of rows) {
    const contact = { name: r.contact_name ?? undefined, phone: r.contact_phone ?? undefined, company: r.contact_company ?? undefined };
    const masked = maskedContactColumns(contact);
    update.run(cipher.encrypt(contact), masked.contact_name_masked, masked.contact_phone_masked, masked.contact_company_masked, r.id);
  }
  const conflicts = db.prepare('SELECT id, payload_json FROM rating_conflicts').all() as { id: number; payload_json: string }[];
  const updateConflict = db.prepare('UPDATE rating_conflicts SET payload_json = ?, contact_enc = ? WHERE id = ?');
  for (const c of conflicts) {
    const { contact, ...rest } = JSON.parse(c.payload_json);
    if (contact) updateConflict.run(JSON.stringify(rest), cipher.encrypt(contact), c.id);
  }
}

export const SQLITE_MIGRATIONS: Migration[] = [
  { version: 1, name: 'catalogue and ratings', up: (db) => db.exec(MIGRATION_1_SQL) },
  {
    version: 2,
    name: 'accounts, sessions, audit, service items; contact data encrypted at rest',
    up(db, ctx) {
      db.exec(MIGRATION_2_SQL_BEFORE);
      encryptExistingContacts(db, ctx);
      db.exec(MIGRATION_2_SQL_AFTER);
    },
  },
  { version: 3, name: 'kiosk devices, enrolment codes, staff PINs, catalogue version', up: (db) => db.exec(MIGRATION_3_SQL) },
  { version: 4, name: 'paper forms (Attachment 1) and their photos', up: (db) => db.exec(MIGRATION_4_SQL) },
  { version: 5, name: 'bad-review cases, their action log, the working-day calendar', up: (db) => db.exec(MIGRATION_5_SQL) },
  { version: 6, name: 'closing time of bad-review cases', up: (db) => db.exec(MIGRATION_6_SQL) },
  {
    version: 7,
    name: 'keyed digests and paper fingerprints; comments encrypted at rest with a scrubbed copy',
    up(db, { cipher }) {
      db.exec(MIGRATION_7_SQL_BEFORE);
      keyDigestsAndEncryptComments(db, cipher);
      db.exec(MIGRATION_7_SQL_AFTER);
    },
  },
  { version: 8, name: 'server settings: demo or production, decided once', up: (db) => db.exec(MIGRATION_8_SQL) },
  { version: 9, name: 'role grants waiting for a second administrator', up: (db) => db.exec(MIGRATION_9_SQL) },
  { version: 10, name: 'paper forms count once a second person of the window has checked them', up: (db) => db.exec(MIGRATION_10_SQL) },
  { version: 11, name: 'cases closed on an unapproved 不予采纳 or special deadline are open again', up: (db) => db.exec(MIGRATION_11_SQL) },
  { version: 12, name: 'counts of bad taps abandoned at the kiosk reason screen', up: (db) => db.exec(MIGRATION_12_SQL) },
  { version: 13, name: 'catalogue version bumped by the store, not by triggers', up: (db) => db.exec(MIGRATION_13_SQL) },
  { version: 14, name: 'limits on attempts shared by every instance: failed password checks, enrolment codes', up: (db) => db.exec(MIGRATION_14_SQL) },
  { version: 15, name: 'indexes of the case summary: open cases per scope, newest arrival', up: (db) => db.exec(CASE_COUNT_INDEXES_SQL) },
  { version: 16, name: '办件 (service cases) by unit and 办件编号; business-system tokens', up: (db) => db.exec(MIGRATION_16_SQL) },
  { version: 17, name: 'the default 满意 of finished 办件: one per 办件, superseded ones marked', up: (db) => db.exec(MIGRATION_17_SQL) },
  { version: 18, name: 'rating invitations (一次一评); one rating per session id', up: (db) => db.exec(MIGRATION_18_SQL) },
  { version: 19, name: 'rating links of the phone page (QR): token hashes per 办件 or window', up: (db) => db.exec(MIGRATION_19_SQL) },
  { version: 20, name: 'staff sign-ins on devices; supervision marks flagged ratings valid or invalid', up: (db) => db.exec(MIGRATION_20_SQL) },
  { version: 21, name: 'the figures read a month of ratings from one covering index', up: (db) => db.exec(MIGRATION_21_SQL) },
  { version: 22, name: 'a unit\'s 行政区划代码 for the national and provincial exports', up: (db) => db.exec(MIGRATION_22_SQL) },
  { version: 23, name: 'public disclosure per unit; the evaluator\'s consent to publish a comment; approved comments', up: (db) => db.exec(MIGRATION_23_SQL) },
  { version: 24, name: 'month close: the submitted versions of each month\'s Attachment 2', up: (db) => db.exec(MIGRATION_24_SQL) },
  { version: 25, name: 'the comments waiting for publication, by partial indexes on consent', up: (db) => db.exec(MIGRATION_25_SQL) },
];
