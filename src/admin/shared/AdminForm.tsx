import { useState, type FormEventHandler, type ReactNode } from 'react';
import { FormProvider, useForm, type DefaultValues, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminErrorText } from './admin-errors';

/** A server refusal, next to the form that caused it. */
export function FormFailure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-failure" role="alert">
      {message}
    </p>
  );
}

/** A table that could not be loaded: the refusal and a way to try again (the previous table stays shown below). */
export function LoadFailure({ message, retry }: { message: string; retry: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  return (
    <div className="catalog-failure">
      <FormFailure message={message} />
      <button type="button" className="secondary small" onClick={() => void retry()}>
        {t('retry')}
      </button>
    </div>
  );
}

/** A quiet confirmation that a change went through. */
export function FormDone({ message }: { message: string | null }) {
  return (
    <p className="form-done" role="status">
      {message ?? ''}
    </p>
  );
}

/** react-hook-form plus the refusal of the last save, in the user's language. */
export function useAdminForm<T extends FieldValues>(defaultValues: DefaultValues<T>, save: (values: T, form: UseFormReturn<T>) => Promise<void>) {
  const { t } = useTranslation('admin');
  const methods = useForm<T>({ defaultValues });
  const [failure, setFailure] = useState<string | null>(null);
  const onSubmit = methods.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await save(values, methods);
    } catch (err) {
      setFailure(adminErrorText(t, err));
    }
  });
  return { methods, onSubmit, failure, setFailure };
}

interface AdminFormProps<T extends FieldValues> {
  methods: UseFormReturn<T>;
  onSubmit: FormEventHandler<HTMLFormElement>;
  title: string;
  submitLabel: string;
  testId: string;
  failure: string | null;
  onCancel?: () => void;
  /** Something else is still working (a photo being resized): the form may not be sent yet. */
  busy?: boolean;
  children: ReactNode;
}

/** The frame every admin form shares: a named form, its fields, the refusal, Cancel and a Save that waits. */
export function AdminForm<T extends FieldValues>({ methods, onSubmit, title, submitLabel, testId, failure, onCancel, busy, children }: AdminFormProps<T>) {
  const { t } = useTranslation('admin');
  const saving = methods.formState.isSubmitting;
  return (
    <FormProvider {...methods}>
      <form className="admin-form" aria-label={title} data-testid={testId} onSubmit={onSubmit} noValidate>
        <h3>{title}</h3>
        {children}
        <FormFailure message={failure} />
        <div className="admin-actions">
          <button type="submit" className="primary" disabled={saving || busy}>
            {saving ? t('common.saving') : submitLabel}
          </button>
          {onCancel && (
            <button type="button" className="secondary" onClick={onCancel} disabled={saving}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}
