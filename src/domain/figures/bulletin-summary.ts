import type { BulletinSummary } from './bulletin-api';

/**
 * The bulletin's summary paragraph as locale sentences: each a key of the 'bulletin' namespace (summary.*) and its
 * placeholders, filled from the figures, so the same data reads in every language. Names come from the caller
 * (the catalogue's labels in the reader's language).
 */

/** A rate as shown: two decimals and "%", or "—" for 0/0 (never 100%). */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(2)}%`;
}

/** A change in percent points as shown, without its sign (the sentence says up or down). */
export function formatPoints(points: number): string {
  return Math.abs(points).toFixed(2);
}

export interface SentenceNames {
  /** "全省" / the unit / the window the bulletin is of. */
  scope: string;
  quarter(quarter: string): string;
  reason(key: string): string;
  window(id: string): string;
  item(id: string | null): string;
}

export interface Sentence {
  key: string;
  params: Record<string, string>;
}

export function summarySentences(quarter: string, previousQuarter: string, s: BulletinSummary, names: SentenceNames): Sentence[] {
  const q = names.quarter(quarter);
  if (s.total === 0) {
    const out: Sentence[] = [{ key: 'summary.empty', params: { quarter: q, scope: names.scope } }];
    if (s.previousTotal > 0) {
      out.push({ key: 'summary.previousOnly', params: { previous: names.quarter(previousQuarter), total: String(s.previousTotal), satisfaction: formatPercent(s.previousSatisfaction) } });
    }
    return out;
  }
  const out: Sentence[] = [
    {
      key: 'summary.overview',
      params: { quarter: q, scope: names.scope, total: String(s.total), satisfaction: formatPercent(s.satisfaction), bad: String(s.bad), badRate: formatPercent(s.badRate) },
    },
  ];
  const previous = names.quarter(previousQuarter);
  if (s.satisfactionChange === null) out.push({ key: 'summary.changeNone', params: { previous } });
  else {
    const key = s.satisfactionChange > 0 ? 'summary.changeUp' : s.satisfactionChange < 0 ? 'summary.changeDown' : 'summary.changeSame';
    out.push({ key, params: { previous, previousSatisfaction: formatPercent(s.previousSatisfaction), points: formatPoints(s.satisfactionChange) } });
  }
  if (s.bad === 0) return [...out, { key: 'summary.noBad', params: {} }];
  if (s.topReason) {
    out.push({ key: 'summary.topReason', params: { reason: names.reason(s.topReason.key), count: String(s.topReason.count), share: formatPercent(s.topReason.share) } });
  }
  if (s.topServiceItem) {
    out.push({ key: 'summary.topItem', params: { item: names.item(s.topServiceItem.id), count: String(s.topServiceItem.bad), share: formatPercent(s.topServiceItem.share) } });
  }
  if (s.worstWindow) {
    out.push({ key: 'summary.worstWindow', params: { window: names.window(s.worstWindow.id), badRate: formatPercent(s.worstWindow.badRate), bad: String(s.worstWindow.bad) } });
  }
  return out;
}
