import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../account/api-client';
import { errorText } from '../account/error-text';
import { QrCode } from '../admin/devices/QrCode';
import { buildPath, API } from '../domain/endpoints';
import type { RatingLink } from '../domain/rating-link';
import { ReceiptSlip, RECEIPT_LAYOUTS, type ReceiptLayout } from './ReceiptSlip';
import './receipt.css';

/** The whole address a phone opens: this server's origin and the link's path. */
export const ratingLinkUrl = (origin: string, link: Pick<RatingLink, 'path'>) => new URL(link.path, origin).href;

/**
 * "Rate by phone": the 办件's rating link from the server (the same link each time), shown as a QR code to scan
 * from the tablet, copyable (SMS comes later), and printable on a receipt slip in two layouts.
 */
export function RatingLinkPanel({ serviceCaseId }: { serviceCaseId: string }) {
  const { t } = useTranslation('serviceCases');
  const [link, setLink] = useState<RatingLink>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no'>();
  // The slip is in the page only while it prints: a layout chosen puts it there, then the print dialog opens.
  const [printing, setPrinting] = useState<ReceiptLayout | null>(null);
  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(null);
    window.addEventListener('afterprint', done);
    window.print();
    return () => window.removeEventListener('afterprint', done);
  }, [printing]);

  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setLink(await apiRequest<RatingLink>('POST', buildPath(API.serviceCaseRatingLink.path, { id: serviceCaseId })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const url = link ? ratingLinkUrl(window.location.origin, link) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the address stays shown to copy by hand.
      setCopied('no');
    }
  };

  return (
    <section className="rating-link" aria-label={t('link.title')}>
      {!link && (
        <button type="button" onClick={() => void load()} disabled={busy}>
          {t('link.show')}
        </button>
      )}
      {error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {link && (
        <>
          <QrCode text={url} label={t('link.qrLabel')} testId="rating-link-qr" />
          <p className="rating-link-url" data-testid="rating-link-url">
            {url}
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => void copy()}>
              {t('link.copy')}
            </button>
            {RECEIPT_LAYOUTS.map((layout) => (
              <button key={layout} type="button" className="secondary" onClick={() => setPrinting(layout)}>
                {t(`link.print.${layout}`)}
              </button>
            ))}
          </div>
          <p role="status">{copied && t(copied === 'yes' ? 'link.copied' : 'link.copyFailed')}</p>
          {printing && <ReceiptSlip link={link} url={url} layout={printing} />}
        </>
      )}
    </section>
  );
}
