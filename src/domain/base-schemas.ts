import * as z from 'zod/mini';
import { CHANNELS } from './channels';
import { normalizePhone } from './contact';
import { CATALOG_ID, UUID_V7 } from './ids';
import { LEVEL_KEYS } from './levels';
import { LOCALES } from './locales';

// The schemas of the domain's building blocks. They live apart from the plain data and functions so the kiosk's
// first paint does not carry the validator: it loads with the first rating instead.

export const LevelKeySchema = z.enum(LEVEL_KEYS);
export const ChannelSchema = z.enum(CHANNELS);
export const LocaleSchema = z.enum(LOCALES);
export const UuidV7Schema = z.string().check(z.regex(UUID_V7, 'UUIDv7'));
export const CatalogIdSchema = z.string().check(z.regex(CATALOG_ID, 'identifier'));

const label = z.string().check(z.minLength(1), z.maxLength(200));
/** Text that administrators edit (reasons, window names) carries a label per language. */
export const LocalizedTextSchema = z.object({ 'zh-CN': label, bo: label, en: label });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * Reason keys are data an administrator may extend later, so records validate the key's form here and the
 * server checks it against its catalogue. A reason is retired, never deleted, so queued records stay valid.
 */
export const ReasonKeySchema = z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'reason key'));
export type ReasonKey = z.infer<typeof ReasonKeySchema>;

export const ReasonSchema = z.object({
  key: ReasonKeySchema,
  label: LocalizedTextSchema,
  sortOrder: z.int(),
  active: z.boolean(),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const PhoneSchema = z.string().check(z.refine((s) => normalizePhone(s) === s, 'a mainland mobile or landline number'));

/** Optional free text: trimmed, and absent rather than empty. */
export const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(max)));

export const ContactSchema = z.strictObject({
  name: optionalText(40),
  phone: z.optional(PhoneSchema),
  company: optionalText(100),
});
export type Contact = z.infer<typeof ContactSchema>;
