/**
 * Makes public/fonts/noto-serif-tibetan-subset.woff2, the Tibetan font the app ships (tablets may have none), from
 * Noto Serif Tibetan (OFL-1.1; Debian's fonts-noto-core — Noto's Tibetan design is the serif one, there is no
 * Noto Sans Tibetan). HarfBuzz's subsetter keeps GSUB/GPOS, closed over the kept characters, so stacked
 * consonants still shape. Run after changing Tibetan text: `npx tsx scripts/make-tibetan-font.ts`
 * (TIBETAN_FONT_SOURCE=/path/to.ttf to use another copy). The committed woff2 is the artefact: a machine without
 * the source font needs it only to regenerate; a unit test fails when the text uses a character it lacks.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { FONT_CHARS_FILE, shippedTibetanTexts, tibetanCharacters } from './tibetan-font-chars';

const SOURCE = process.env.TIBETAN_FONT_SOURCE ?? '/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf';
const OUT = fileURLToPath(new URL('../public/fonts/noto-serif-tibetan-subset.woff2', import.meta.url));
// Always kept: the language button's own name, spaces, and the dotted circle a shaper shows for a stray vowel sign.
const ALWAYS = ['བོད་ཡིག'];
const NON_TIBETAN = ' \u00A0\u25CC';

async function main() {
  if (!fs.existsSync(SOURCE)) {
    throw new Error(`${SOURCE} is missing: apt-get install fonts-noto-core, or set TIBETAN_FONT_SOURCE`);
  }
  const chars = tibetanCharacters([...shippedTibetanTexts(), ...ALWAYS]);
  const woff2 = await subsetFont(fs.readFileSync(SOURCE), chars + NON_TIBETAN, { targetFormat: 'woff2' });
  fs.mkdirSync(new URL('../public/fonts/', import.meta.url), { recursive: true });
  fs.writeFileSync(OUT, woff2);
  fs.writeFileSync(FONT_CHARS_FILE, chars + '\n');
  console.log(`${OUT}: ${[...chars].length} Tibetan characters, ${woff2.length} bytes`);
}

await main();
