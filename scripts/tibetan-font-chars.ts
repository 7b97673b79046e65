/**
 * Which characters the shipped Tibetan font keeps: every Tibetan code point the product's own Tibetan text uses
 * (the bo message files, the default reasons, the demo hall). Kept apart from make-tibetan-font.ts so a unit test
 * can check, without the source font, that the committed font still covers the text.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_REASONS } from '../src/domain/reasons';
import { NAMESPACES } from '../src/i18n/namespaces';
import { demoHall } from '../sync-server/store/demo-hall';
import { flatten, readMessages } from './tibetan-review';

/** The list the committed woff2 was made from, one line; written by make-tibetan-font.ts. */
export const FONT_CHARS_FILE = fileURLToPath(new URL('./tibetan-font.chars.txt', import.meta.url));

const TIBETAN_BLOCK = /[\u0F00-\u0FFF]/u;

/** The Tibetan-block code points in the texts, each once, in code point order (a stable file to diff). */
export function tibetanCharacters(texts: Iterable<string>): string {
  const found = new Set<number>();
  for (const text of texts) for (const ch of text) if (TIBETAN_BLOCK.test(ch)) found.add(ch.codePointAt(0)!);
  return String.fromCodePoint(...[...found].sort((a, b) => a - b));
}

/** Every Tibetan string the product ships; data objects are passed whole (only their Tibetan survives the filter). */
export function shippedTibetanTexts(): string[] {
  const messages = NAMESPACES.flatMap((ns) => flatten(readMessages('bo', ns)).map(([, text]) => text));
  const hall = demoHall({ passwordHash: null, pinHash: null });
  return [...messages, ...DEFAULT_REASONS.map((r) => r.label.bo), JSON.stringify(hall)];
}
