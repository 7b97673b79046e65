import { describe, expect, it } from 'vitest';
import { EMPTY_PAPER_FORM, paperFingerprint, paperRecordFromForm, validatePaperForm, type PaperFormValues } from '../../src/domain/paper-form';
import { RatingRecordSchema } from '../../src/domain/rating';

const filled = (over: Partial<PaperFormValues> = {}): PaperFormValues => ({
  ...EMPTY_PAPER_FORM,
  caseNumber: 'QH-1',
  serviceItemId: 'demo-item-1',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  serviceDate: '2026-11-20',
  level: 'SATISFIED',
  ...over,
});
const ctx = { today: '2026-11-27', enteredBy: 'demo-s2', windowId: 'demo-w1' };

describe('validatePaperForm', () => {
  it('requires the case, item, window, staff, date and level', () => {
    expect(validatePaperForm(EMPTY_PAPER_FORM, ctx)).toEqual({
      caseNumber: 'required',
      serviceItemId: 'required',
      windowId: 'required',
      staffId: 'required',
      serviceDate: 'required',
      level: 'required',
    });
    expect(validatePaperForm(filled(), ctx)).toEqual({});
  });
  it('asks a bad rating for a reason, and 其他 for its text', () => {
    expect(validatePaperForm(filled({ level: 'DISSATISFIED' }), ctx)).toEqual({ reasons: 'reasonRequired' });
    expect(validatePaperForm(filled({ level: 'VERY_DISSATISFIED', reasons: ['OTHER'] }), ctx)).toEqual({ otherReason: 'otherRequired' });
    expect(validatePaperForm(filled({ level: 'VERY_DISSATISFIED', reasons: ['OTHER'], otherReason: '没有座位' }), ctx)).toEqual({});
  });
  it('checks phone numbers and dates by China calendar', () => {
    expect(validatePaperForm(filled({ evaluatorPhone: '123' }), ctx)).toEqual({ evaluatorPhone: 'phoneInvalid' });
    expect(validatePaperForm(filled({ evaluatorPhone: '0971 6123456' }), ctx)).toEqual({});
    expect(validatePaperForm(filled({ serviceDate: '2026-11-28' }), ctx)).toEqual({ serviceDate: 'dateInFuture' });
    expect(validatePaperForm(filled({ serviceDate: '2025-11-01' }), ctx)).toEqual({ serviceDate: 'dateTooOld' });
    expect(validatePaperForm(filled({ serviceDate: '2026-13-01' }), ctx)).toEqual({ serviceDate: 'dateInvalid' });
  });
  it("takes forms of the typist's own window only, and none rating the typist", () => {
    expect(validatePaperForm(filled({ windowId: 'demo-w2', staffId: 'demo-s3' }), ctx)).toEqual({ windowId: 'notYourWindow' });
    expect(validatePaperForm(filled({ staffId: 'demo-s2' }), ctx)).toEqual({ staffId: 'ratesSelf' });
    expect(validatePaperForm(filled(), { ...ctx, windowId: null })).toEqual({ windowId: 'notYourWindow' });
  });
});

describe('paperRecordFromForm', () => {
  const rctx = { unitId: 'demo-unit', deviceId: 'dev-t', enteredBy: 'demo-s2', locale: 'zh-CN' as const };
  it('makes a valid PAPER record, normalising the phone and dropping reasons of a good level', () => {
    const r = paperRecordFromForm(filled({ reasons: ['ATTITUDE'], evaluatorPhone: '+86 138 1234 5678', evaluatorName: ' 张三 ' }), rctx);
    expect(RatingRecordSchema.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ channel: 'PAPER', reasons: [], caseNumber: 'QH-1', staffId: 'demo-s1', contact: { name: '张三', phone: '13812345678' } });
    // No checker: the check is confirmed later by the checker from their own session.
    expect(r.paper).toEqual({ serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: false });
    expect(paperRecordFromForm(filled({ checkedBy: 'demo-s4' }), rctx).paper).not.toHaveProperty('checkedBy');
  });
  it('is refused by the record schema when paper details and channel disagree', () => {
    const r = paperRecordFromForm(filled(), rctx);
    expect(RatingRecordSchema.safeParse({ ...r, channel: 'HALL_TABLET' }).success).toBe(false);
    expect(RatingRecordSchema.safeParse({ ...r, caseNumber: undefined }).success).toBe(false);
  });
  it('fingerprints by case, level and evaluator', () => {
    const a = paperRecordFromForm(filled({ evaluatorName: '张三' }), rctx);
    const b = paperRecordFromForm(filled({ evaluatorName: '张三', comment: '另一条意见' }), rctx);
    const c = paperRecordFromForm(filled({ evaluatorName: '李四' }), rctx);
    expect(paperFingerprint(a)).toBe(paperFingerprint(b));
    expect(paperFingerprint(a)).not.toBe(paperFingerprint(c));
  });
});
