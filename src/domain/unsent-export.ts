import * as z from 'zod/mini';
import { ContactSchema } from './base-schemas';

/**
 * The file a tablet writes when it can no longer sync ("导出未上传记录"), and `npm run import-unsent` reads.
 * Evaluators' names and phones never travel in it readable: they are encrypted to the server's export key
 * (hybrid: a fresh AES-256-GCM key, wrapped with the server's RSA-OAEP-256 public key), or left out.
 */
export const UNSENT_FILE_FORMAT = 'haochaping-unsent-ratings';
export const UNSENT_FILE_VERSION = 2;
export const UNSENT_CONTACT_ALG = 'RSA-OAEP-256+A256GCM';

/** The server's public export key as the kiosk configuration carries it; kid = SHA-256 of the SPKI, base64url. */
export const ExportPublicKeySchema = z.object({
  kid: z.string().check(z.minLength(8), z.maxLength(100)),
  alg: z.literal('RSA-OAEP-256'),
  jwk: z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string() }),
});
export type ExportPublicKey = z.infer<typeof ExportPublicKeySchema>;

export const EncryptedContactSchema = z.object({
  alg: z.literal(UNSENT_CONTACT_ALG),
  kid: z.string(),
  /** base64: the AES key wrapped with the server's public key. */
  wrappedKey: z.string(),
  iv: z.string(),
  /** base64: AES-GCM output (ciphertext then 16-byte tag) of the JSON of ContactSectionSchema. */
  ciphertext: z.string(),
});
export type EncryptedContact = z.infer<typeof EncryptedContactSchema>;

/**
 * What the encrypted section holds, by record id: the evaluator's contact, and the free texts whose phone or ID
 * numbers the readable record shows masked (a citizen may type their number into a comment).
 */
export const PrivatePartSchema = z.object({
  contact: z.optional(ContactSchema),
  comment: z.optional(z.string()),
  otherReason: z.optional(z.string()),
});
export type PrivatePart = z.infer<typeof PrivatePartSchema>;
export const ContactSectionSchema = z.record(z.string(), PrivatePartSchema);

/**
 * encrypted: contact (and unmasked free text) is in `encryptedContact`; omitted: records had contact or numbers in
 * free text and they were left out (the texts masked) (no key on the
 * tablet, or no WebCrypto outside a secure context); none: no record had any.
 */
export const UNSENT_CONTACT_MODES = ['encrypted', 'omitted', 'none'] as const;
export type UnsentContactMode = (typeof UNSENT_CONTACT_MODES)[number];

export const UnsentFileSchema = z.object({
  format: z.literal(UNSENT_FILE_FORMAT),
  version: z.literal(UNSENT_FILE_VERSION),
  deviceId: z.nullable(z.optional(z.string())),
  exportedAt: z.string(),
  /** The device's last measured clock offset (server minus device, ms): import corrects rating times by it. */
  clockOffsetMs: z.optional(z.number()),
  contact: z.enum(UNSENT_CONTACT_MODES),
  encryptedContact: z.optional(EncryptedContactSchema),
  items: z.array(
    z.object({
      outbox: z.object({ id: z.string(), stream: z.string(), state: z.string() }),
      record: z.nullable(z.unknown()),
    }),
  ),
});
export type UnsentFile = z.infer<typeof UnsentFileSchema>;

/** Files written before version 2 carry contact in the records, readable: still importable, never written again. */
export const UnsentFileV1Schema = z.object({
  format: z.literal(UNSENT_FILE_FORMAT),
  version: z.literal(1),
  deviceId: z.nullable(z.optional(z.string())),
  exportedAt: z.string(),
  items: z.array(z.object({ outbox: z.object({ id: z.string(), stream: z.string(), state: z.string() }), record: z.nullable(z.unknown()) })),
});

/** How long held (conflict) and refused records keep their evaluator's contact on a tablet, unless configured. */
export const DEFAULT_CONTACT_RETENTION_DAYS = 30;
export const CONTACT_RETENTION_DAYS = { min: 1, max: 365 } as const;
