import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import bo from '../../src/i18n/locales/bo.json';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { renderReviewList, REVIEW_FILE } from '../../scripts/tibetan-review';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));

describe('locale files', () => {
  const zhKeys = flatten(zh as Tree).map(([k]) => k).sort();
  it.each([
    ['bo', bo],
    ['en', en],
  ])('%s has exactly the keys of zh-CN, none empty', (_name, messages) => {
    const flat = flatten(messages as Tree);
    expect(flat.map(([k]) => k).sort()).toEqual(zhKeys);
    for (const [key, text] of flat) expect(text.trim(), key).not.toBe('');
  });

  it('keeps interpolation placeholders in every language', () => {
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join();
    const zhFlat = new Map(flatten(zh as Tree));
    for (const messages of [bo, en]) {
      for (const [key, text] of flatten(messages as Tree)) expect(placeholders(text), key).toBe(placeholders(zhFlat.get(key)!));
    }
  });

  it('lists every Tibetan string for review in the locale folder, up to date', () => {
    expect(fs.readFileSync(REVIEW_FILE, 'utf8')).toBe(renderReviewList());
  });
});
