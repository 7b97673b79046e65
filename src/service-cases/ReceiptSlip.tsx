import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../admin/devices/QrCode';
import { pickLabel } from '../domain/locales';
import type { RatingLink } from '../domain/rating-link';
import { currentLocale } from '../i18n';

/** The two receipt layouts: an A6 sheet, or the 80 mm roll of a thermal receipt printer. */
export const RECEIPT_LAYOUTS = ['a6', 'thermal80'] as const;
export type ReceiptLayout = (typeof RECEIPT_LAYOUTS)[number];

/**
 * The receipt slip a citizen takes away: the service item, the masked 办件编号, the QR of the rating link and one
 * line saying what to do, in the UI language. Rendered beside the app (a portal on <body>), hidden on screen; while
 * it prints, the body's class hides everything else, and the slip's named page sets the paper (receipt.css; a
 * stylesheet, not an inline <style>, which the Content-Security-Policy refuses).
 */
export function ReceiptSlip({ link, url, layout }: { link: RatingLink; url: string; layout: ReceiptLayout }) {
  const { t } = useTranslation('serviceCases');
  const locale = currentLocale();
  useEffect(() => {
    document.body.classList.add('printing-receipt');
    return () => document.body.classList.remove('printing-receipt');
  }, []);
  return createPortal(
    <div className="receipt-print-root">
      <article className={`receipt-slip receipt-${layout}`} data-testid="receipt-slip" data-layout={layout}>
        <p className="receipt-unit">{pickLabel(link.unitName, locale)}</p>
        <h1 className="receipt-title">{t('receipt.title')}</h1>
        <dl>
          {link.serviceItemName && (
            <>
              <dt>{t('fields.serviceItem')}</dt>
              <dd>{pickLabel(link.serviceItemName, locale)}</dd>
            </>
          )}
          {link.caseNoMasked && (
            <>
              <dt>{t('fields.caseNo')}</dt>
              <dd data-testid="receipt-case-no">{link.caseNoMasked}</dd>
            </>
          )}
        </dl>
        <QrCode text={url} label={t('link.qrLabel')} minPx={160} testId="receipt-qr" />
        <p className="receipt-instruction">{t('receipt.instruction')}</p>
      </article>
    </div>,
    document.body,
  );
}
