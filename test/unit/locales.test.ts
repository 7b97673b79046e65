import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flatten, readMessages, renderReviewList, REVIEW_FILE } from '../../scripts/tibetan-review';
import { NAMESPACES } from '../../src/i18n/namespaces';

describe.each(NAMESPACES)('%s messages', (ns) => {
  const zh = flatten(readMessages('zh-CN', ns));
  const zhKeys = zh.map(([k]) => k).sort();
  const zhByKey = new Map(zh);
  it.each(['bo', 'en'])('%s has exactly the keys of zh-CN, none empty', (locale) => {
    const flat = flatten(readMessages(locale, ns));
    expect(flat.map(([k]) => k).sort()).toEqual(zhKeys);
    for (const [key, text] of flat) expect(text.trim(), key).not.toBe('');
  });
  it.each(['bo', 'en'])('%s keeps the interpolation placeholders', (locale) => {
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join();
    for (const [key, text] of flatten(readMessages(locale, ns))) expect(placeholders(text), key).toBe(placeholders(zhByKey.get(key)!));
  });
});

describe('Tibetan review list', () => {
  it('lists every Tibetan string in the locale folder, up to date', () => {
    expect(fs.readFileSync(REVIEW_FILE, 'utf8')).toBe(renderReviewList());
  });
});
