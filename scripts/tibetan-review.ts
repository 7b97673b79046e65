/**
 * Every Tibetan string the product ships was drafted without a native speaker. This lists them all, beside the
 * Chinese and English they translate, in src/i18n/locales/bo-NEEDS-REVIEW.md. Run after changing any Tibetan
 * text: `npx tsx scripts/tibetan-review.ts`. A unit test fails when the list is out of date.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REASONS } from '../src/domain/reasons';
import { NAMESPACES } from '../src/i18n/namespaces';
import { demoHall } from '../sync-server/store/demo-hall';

export const REVIEW_FILE = fileURLToPath(new URL('../src/i18n/locales/bo/NEEDS-REVIEW.md', import.meta.url));
const LOCALE_DIR = fileURLToPath(new URL('../src/i18n/locales/', import.meta.url));

export type Tree = { [key: string]: string | Tree };
export function readMessages(locale: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(`${LOCALE_DIR}${locale}/${ns}.json`, 'utf8'));
}

export function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReviewList(): string {
  const rows: string[][] = NAMESPACES.flatMap((ns) => {
    const zhFlat = new Map(flatten(readMessages('zh-CN', ns)));
    const enFlat = new Map(flatten(readMessages('en', ns)));
    return flatten(readMessages('bo', ns)).map(([key, text]) => [`${ns} \`${key}\``, text, zhFlat.get(key) ?? '', enFlat.get(key) ?? '']);
  });
  for (const r of DEFAULT_REASONS) rows.push([`reason \`${r.key}\``, r.label.bo, r.label['zh-CN'], r.label.en]);
  const hall = demoHall({ passwordHash: null, pinHash: null });
  for (const u of hall.units) rows.push([`demo unit \`${u.id}\``, u.name.bo, u.name['zh-CN'], u.name.en]);
  for (const w of hall.windows) rows.push([`demo window \`${w.id}\``, w.name.bo, w.name['zh-CN'], w.name.en]);
  for (const i of hall.serviceItems) rows.push([`demo service item \`${i.code}\``, i.name.bo, i.name['zh-CN'], i.name.en]);
  const lines = [
    '# Tibetan (བོད་ཡིག) strings awaiting review by a native speaker',
    '',
    'Every Tibetan string below is a draft. Please check meaning, register (polite forms suit a public service',
    'hall) and spelling, then correct `bo/*.json`, `src/domain/reasons.ts` or the demo hall, and regenerate this list',
    'with `npx tsx scripts/tibetan-review.ts`. Reasons an administrator edits later carry their own labels.',
    '',
    `${rows.length} strings.`,
    '',
    '| where | བོད་ཡིག (draft) | 中文 | English |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(REVIEW_FILE, renderReviewList());
  console.log(`wrote ${REVIEW_FILE}`);
}
