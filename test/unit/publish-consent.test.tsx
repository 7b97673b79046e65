// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRatingRecord, type RatingDraft } from '../../src/data/submit-rating';
import { RatingRecordSchema } from '../../src/domain/rating';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { initI18n, setLanguage } from '../../src/i18n';
import ReasonScreen from '../../src/kiosk/ReasonScreen';
import { payloadHash } from '../../sync-server/canonical';
import { badRating } from '../support/ratings';
import { demoConfig } from '../support/kiosk-fixtures';

// The evaluator's consent to publish a comment (issue 16): a field of the record that only a comment may carry (never
// a paper form), hashed so that records made before it existed are the same record; asked on the kiosk only once a
// comment is typed, and private unless ticked.

describe('the record’s publishComment', () => {
  it('is optional, needs a comment, and never comes with a paper form', () => {
    expect(RatingRecordSchema.safeParse(badRating()).success).toBe(true);
    expect(RatingRecordSchema.safeParse(badRating({ publishComment: true })).success).toBe(true);
    expect(RatingRecordSchema.safeParse(badRating({ publishComment: false })).success).toBe(true);
    expect(RatingRecordSchema.safeParse(badRating({ comment: undefined, publishComment: true })).success).toBe(false);
    expect(RatingRecordSchema.safeParse(badRating({ publishComment: 'yes' as unknown as boolean })).success).toBe(false);
    const paper = badRating({
      channel: 'PAPER', caseNumber: 'QH-1', publishComment: true,
      paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: false },
    });
    expect(RatingRecordSchema.safeParse(paper).success).toBe(false);
    expect(RatingRecordSchema.safeParse({ ...paper, publishComment: undefined }).success).toBe(true);
  });

  it('hashes absent and false alike (records made before it), and true apart (a changed consent is a conflict)', () => {
    const record = RatingRecordSchema.parse(badRating());
    const absent = payloadHash(record);
    expect(payloadHash(RatingRecordSchema.parse({ ...record, publishComment: false }))).toBe(absent);
    expect(payloadHash(RatingRecordSchema.parse({ ...record, publishComment: true }))).not.toBe(absent);
    // The digest of a record without the field is the one it had before the field existed.
    expect(JSON.stringify(record)).not.toContain('publishComment');
  });

  it('is set by the kiosk only with a comment', () => {
    const ctx = { config: demoConfig, deviceId: 'dev-test-0001', locale: 'zh-CN' as const };
    const draft: RatingDraft = { level: 'DISSATISFIED', reasons: ['ATTITUDE'], comment: '态度差', publishComment: true };
    expect(buildRatingRecord(draft, ctx).publishComment).toBe(true);
    expect(buildRatingRecord({ ...draft, comment: undefined }, ctx).publishComment).toBeUndefined();
    // Not sent at all when private: the record reads as one made before the question existed.
    expect(JSON.stringify(buildRatingRecord({ ...draft, publishComment: false }, ctx))).not.toContain('publishComment');
  });
});

describe('the kiosk reason screen asks about publishing', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('zh-CN');
  });
  afterEach(cleanup);

  function renderScreen() {
    const drafts: RatingDraft[] = [];
    render(<ReasonScreen level="DISSATISFIED" reasons={[...DEFAULT_REASONS]} saving={false} onSubmit={(d) => drafts.push(d)} onBack={() => undefined} />);
    fireEvent.click(screen.getAllByRole('checkbox')[0]);
    return drafts;
  }
  const question = () => screen.queryByRole('checkbox', { name: '同意将此意见匿名公开' });
  const comment = () => screen.getByLabelText('意见或建议（选填）');

  it('only once a comment is typed, unticked: the comment stays private unless ticked', async () => {
    const drafts = renderScreen();
    expect(question()).toBeNull();
    fireEvent.input(comment(), { target: { value: '等了两个小时' } });
    const box = await screen.findByRole('checkbox', { name: '同意将此意见匿名公开' });
    expect((box as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(drafts).toHaveLength(1));
    expect(drafts[0].comment).toBe('等了两个小时');
    expect(drafts[0].publishComment).toBeUndefined();
  });

  it('sends the consent when ticked, and none when the comment is cleared again', async () => {
    const drafts = renderScreen();
    fireEvent.input(comment(), { target: { value: '等了两个小时' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: '同意将此意见匿名公开' }));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(drafts).toHaveLength(1));
    expect(drafts[0].publishComment).toBe(true);
    fireEvent.input(comment(), { target: { value: '  ' } });
    await waitFor(() => expect(question()).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(drafts).toHaveLength(2));
    expect(drafts[1].comment).toBeUndefined();
    expect(drafts[1].publishComment).toBeUndefined();
  });
});
