import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Contact } from '../../src/domain/contact';

const VERSION = 'v1';

/**
 * Evaluator contact data at rest: AES-256-GCM with a random 96-bit nonce per value. The stored text is
 * "v1:" + base64url(nonce | tag | ciphertext), so a later key or algorithm can sit beside it.
 */
export class ContactCipher {
  /** A second key, derived from the contact key, for fingerprints: never the encryption key used twice. */
  private readonly fingerprintKey: Buffer;
  private readonly linkKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the contact key must be 32 bytes');
    this.fingerprintKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'haochaping fingerprint v1', 32));
    this.linkKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'haochaping rating link v1', 32));
  }

  /**
   * HMAC-SHA-256 under the derived key. A plain hash of data that holds a phone number can be reversed from the
   * database alone by trying the hidden digits; without the key nobody can test a guess.
   */
  fingerprint(text: string): string {
    return createHmac('sha256', this.fingerprintKey).update(text, 'utf8').digest('base64url');
  }

  /**
   * A rating link's token (phone page, /r/<token>): HMAC-SHA-256 of `text` under a third key derived from the
   * contact key, 256 bits in base64url. Derived, not stored: the same 办件 gets the same link each time, on every
   * instance, and the database holds only the token's hash (a copied database opens no link).
   */
  linkToken(text: string): string {
    return createHmac('sha256', this.linkKey).update(text, 'utf8').digest('base64url');
  }

  /** Free text typed by a citizen (a comment), same format as a contact. */
  encryptText(text: string): string {
    return `${VERSION}:${this.encryptBytes(Buffer.from(text, 'utf8')).toString('base64url')}`;
  }

  decryptText(stored: string): string {
    const [version, payload] = stored.split(':');
    if (version !== VERSION || !payload) throw new Error('unknown text encryption format');
    return this.decryptBytes(Buffer.from(payload, 'base64url')).toString('utf8');
  }

  encrypt(contact: Contact): string {
    return `${VERSION}:${this.encryptBytes(Buffer.from(JSON.stringify(contact), 'utf8')).toString('base64url')}`;
  }

  decrypt(text: string): Contact {
    const [version, payload] = text.split(':');
    if (version !== VERSION || !payload) throw new Error('unknown contact encryption format');
    return JSON.parse(this.decryptBytes(Buffer.from(payload, 'base64url')).toString('utf8')) as Contact;
  }

  /** nonce | tag | ciphertext: also for photos of paper forms, which show the evaluator's name and phone. */
  encryptBytes(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(raw: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }
}
