import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { chinaToday, EMPTY_PAPER_FORM, paperRecordFromForm, type PaperFormValues } from '../domain/paper-form';
import type { RatingRecord } from '../domain/rating';
import { formatCstIso } from '../domain/time';
import { useAppServices } from '../app-context';
import { ensureDeviceId } from '../data/device-id';
import { submitPaperForm } from '../data/submit-paper';
import { currentLocale } from '../i18n';
import { CaseSection } from './CaseSection';
import { findDuplicates, type DuplicateFinding } from './duplicates';
import { EvaluatorSection } from './EvaluatorSection';
import { LevelSection } from './LevelSection';
import { PaperPhotoInput } from './PaperPhotoInput';
import { paperResolver } from './paper-resolver';
import { PaperQueueStatus } from './PaperQueueStatus';
import { usePaperDraft } from './usePaperDraft';
import { useFormConfig } from './useFormConfig';

/** A record held for the user's decision, with the very photo it was built with: the two are stored together. */
type Pending = { record: RatingRecord; photo: Blob | null; duplicates: DuplicateFinding };

/** Attachment 1 typed in at the window: validated field by field, saved offline, synced like any rating. */
export function PaperFormScreen({ me }: { me: Me }) {
  const { t } = useTranslation('form');
  const { db, sync } = useAppServices();
  const uid = useId();
  const { config, failed } = useFormConfig(db, me.unitId);
  // A form is typed in for the person's own window only: it starts there, and so does the next one and a draft
  // thrown away. The staff member is left to choose: the typist may not rate themselves (paper-check.ts).
  const blank = useMemo(() => ({ ...EMPTY_PAPER_FORM, windowId: me.windowId ?? '' }), [me.windowId]);
  const form = useForm<PaperFormValues>({ defaultValues: blank, resolver: paperResolver(t, me.id, me.windowId), reValidateMode: 'onChange' });
  const draft = usePaperDraft(db, me.id, form, blank);
  const [pending, setPending] = useState<Pending | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // The question takes focus on its safe answer: a second tap in the same place never throws the draft away.
  const keepDraft = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmDiscard) keepDraft.current?.focus();
  }, [confirmDiscard]);
  // A ref, not state, guards submitting (as in the kiosk): a second tap that arrives before React re-renders, or
  // while the duplicate check waits for the network, must not write the form twice.
  const submitting = useRef(false);
  const [busy, setBusy] = useState(false);
  // From the moment a valid form becomes a record until it is stored or the user goes back, the fields and the
  // photo cannot change: what is stored is what was checked.
  const [building, setBuilding] = useState(false);
  const [photoBusy, setPhotoBusy] = useState(false);

  if (!me.windowId) return <p className="form-failure">{t('noWindow')}</p>;
  if (failed) return <p className="form-failure">{t('noConfig')}</p>;
  if (!config || !draft.loaded) return <p className="page-loading">…</p>;

  const exclusive = async (work: () => Promise<void>) => {
    // A photo still being resized would be left out of this form and land on the next one.
    if (submitting.current || photoBusy) return;
    submitting.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const save = async (record: RatingRecord, photo: Blob | null) => {
    await submitPaperForm(db, record, photo, me.id);
    setPending(null);
    setSaved(record.caseNumber ?? '');
    draft.startNext();
    void sync.trigger('submit');
  };

  const onValid = async (values: PaperFormValues) => {
    setSaved(null);
    setBuilding(true);
    try {
      // The photo taken once: the record says it has a photo exactly when this blob is stored beside it.
      const photo = draft.photo;
      const record = paperRecordFromForm({ ...values, hasPhoto: photo !== null }, { unitId: config.unit.id, deviceId: await ensureDeviceId(db), enteredBy: me.id, locale: currentLocale() });
      const duplicates = await findDuplicates(db, record);
      if (duplicates.local.length + duplicates.server.length > 0) setPending({ record, photo, duplicates });
      else await save(record, photo);
    } finally {
      setBuilding(false);
    }
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void exclusive(() => form.handleSubmit(onValid)());
  };
  const locked = building || pending !== null;

  const when = (ms: number) => formatCstIso(ms).slice(0, 16).replace('T', ' ');
  return (
    <form className="paper-form" onSubmit={submit} noValidate aria-labelledby={`${uid}-title`}>
      <h1 id={`${uid}-title`}>{t('title')}</h1>
      <PaperQueueStatus db={db} />
      {draft.restored && (
        <p className="note" role="status">
          {t('draft.restored', { time: when(draft.restored) })}
        </p>
      )}
      {saved !== null && (
        <p className="form-saved" role="status">
          {t('saved', { caseNumber: saved })}
        </p>
      )}
      <fieldset className="form-lock" disabled={locked}>
        <CaseSection form={form} config={config} uid={uid} today={chinaToday()} me={me} />
        <LevelSection form={form} config={config} uid={uid} />
        <EvaluatorSection form={form} config={config} me={me} uid={uid} />
        <PaperPhotoInput photo={draft.photo} disabled={locked} onBusyChange={setPhotoBusy} onChange={(blob) => void draft.setPhoto(blob)} />
      </fieldset>
      {pending && (
        <div className="duplicate-warning" role="alert">
          <p>{t('duplicate.found', { caseNumber: pending.record.caseNumber })}</p>
          <ul>
            {pending.duplicates.local.map((d) => (
              <li key={d.id}>{t('duplicate.local', { time: when(d.at) })}</li>
            ))}
            {pending.duplicates.server.map((d) => (
              <li key={d.id}>{t('duplicate.server', { time: when(d.ratedAt) })}</li>
            ))}
          </ul>
          <p className="hint">{t('duplicate.locked')}</p>
          <div className="form-actions">
            <button type="button" className="secondary" disabled={busy} onClick={() => setPending(null)}>
              {t('duplicate.back')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void exclusive(() => save(pending.record, pending.photo))}>
              {t('duplicate.submitAnyway')}
            </button>
          </div>
        </div>
      )}
      <div className="form-actions">
        {confirmDiscard ? (
          <span className="discard-confirm" role="group" aria-labelledby={`${uid}-discard-question`}>
            <span id={`${uid}-discard-question`}>{t('draft.confirm')}</span>{' '}
            <button ref={keepDraft} type="button" onClick={() => setConfirmDiscard(false)}>
              {t('draft.keep')}
            </button>{' '}
            <button
              type="button"
              className="secondary"
              disabled={busy || locked || photoBusy}
              onClick={() => {
                setConfirmDiscard(false);
                void draft.discard();
              }}
            >
              {t('draft.discardYes')}
            </button>
          </span>
        ) : (
          <button type="button" className="secondary" disabled={busy || locked || photoBusy} onClick={() => setConfirmDiscard(true)}>
            {t('draft.discard')}
          </button>
        )}
        {photoBusy && <span className="hint">{t('photo.waitToSubmit')}</span>}
        <button type="submit" className="primary" disabled={busy || pending !== null || photoBusy}>
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
