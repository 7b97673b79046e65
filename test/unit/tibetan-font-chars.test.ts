import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT_CHARS_FILE, shippedTibetanTexts, tibetanCharacters } from '../../scripts/tibetan-font-chars';
import { DEFAULT_REASONS } from '../../src/domain/reasons';

describe('the characters the shipped Tibetan font keeps', () => {
  it('collects each Tibetan code point once, in code point order, and nothing else', () => {
    // སྒྲ is one stacked syllable of three code points (ས, subjoined ྒ, subjoined ྲ): each must be kept.
    expect([...tibetanCharacters(['ཡིད་ཚིམ། 满意 OK', 'སྒྲ ཡིད'])]).toEqual(
      ['ཚ', 'ད', 'མ', 'ཡ', 'ས', 'ི', 'ྒ', 'ྲ', '་', '།'].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!),
    );
    expect(tibetanCharacters(['满意', 'Satisfied'])).toBe('');
  });

  it('reads the Tibetan of every message file, the reasons and the demo hall', () => {
    const all = shippedTibetanTexts().join('\n');
    expect(all).toContain('ཧ་ཅང་ཡིད་ཚིམ།'); // kiosk level name
    for (const r of DEFAULT_REASONS) expect(all).toContain(r.label.bo);
    expect(all).toMatch(/\p{Script=Tibetan}/u);
  });

  it('matches the list the committed font was made from (else run `npx tsx scripts/make-tibetan-font.ts`)', () => {
    const now = tibetanCharacters([...shippedTibetanTexts(), 'བོད་ཡིག']);
    expect(fs.readFileSync(FONT_CHARS_FILE, 'utf8').trim()).toBe(now);
  });
});
