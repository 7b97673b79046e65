import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Contact } from '../../src/domain/contact';

const VERSION = 'v1';

/**
 * Evaluator contact data at rest: AES-256-GCM with a random 96-bit nonce per value. The stored text is
 * "v1:" + base64url(nonce | tag | ciphertext), so a later key or algorithm can sit beside it.
 */
export class ContactCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the contact key must be 32 bytes');
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
