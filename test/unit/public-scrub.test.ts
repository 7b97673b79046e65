import { describe, expect, it } from 'vitest';
import { REMOVED, scrubForPublication } from '../../src/domain/public-scrub';
import { scrubText } from '../../src/domain/scrub';

const gone = (text: string, secret: string, known = {}) => {
  const out = scrubForPublication(text, known);
  expect(out).not.toContain(secret);
  expect(out).toContain(REMOVED);
  return out;
};

describe('scrubForPublication', () => {
  it.each([
    ['mobile plain', '电话13912345678请回电', '13912345678'],
    ['mobile spaced', '打 139 1234 5678 找我', '5678'],
    ['mobile dashed', '139-1234-5678', '1234'],
    ['+86', '+86 139 1234 5678', '1234'],
    ['full-width', '１３９１２３４５６７８', '12345678'],
    ['landline', '(0971)6123456', '6123456'],
    ['ID with X', '身份证11010519491231002X办不了', '11010519491231002'],
    ['ID spaced', '110105 19491231 002X', '19491231'],
    ['e-mail', '请发到 zhang.san@example.com 谢谢', 'zhang.san'],
    ['e-mail full-width', 'ｌｉｓｉ＠ｑｑ．ｃｏｍ', 'lisi'],
    ['plate', '我的车青A12345停在门口', 'A12345'],
    ['plate with dot', '青A·D12345', 'D12345'],
    ['new-energy plate', '京AD123456', 'AD123456'],
    ['case number code', '办件号SP2026100012345查不到', '2026100012345'],
    ['name after cue', '我叫张三丰，窗口态度差', '张三丰'],
    ['English name', 'My name is John Smith and nobody helped', 'John Smith'],
  ])('removes a %s', (_what, text, secret) => {
    gone(text, secret);
  });

  it('removes the names and 办件编号 it is told, wherever they are', () => {
    const out = gone('王小明说李四的材料丢了，办件 QH-00042 也没人管', '王小明', { names: ['王小明', '李四'], caseNumbers: ['QH-00042'] });
    expect(out).not.toContain('李四');
    expect(out).not.toContain('QH-00042');
  });

  it('keeps what identifies nobody: dates, amounts, short numbers, one-character names', () => {
    const text = '2026-10-15 排队2小时，交了300元，3号窗口';
    expect(scrubForPublication(text, { names: ['王'] })).toBe(text);
  });

  it('is idempotent and removes more than the list scrub, which masks', () => {
    const text = '电话 139 1234 5678，邮箱 a@b.cn';
    const once = scrubForPublication(text);
    expect(scrubForPublication(once)).toBe(once);
    expect(scrubText(text)).toMatch(/139\*+5678/);
    expect(once).not.toMatch(/139|5678/);
  });
});
