/**
 * The guided start after the name screen: two steps shown above the open
 * workspace, each with its action and a way to skip it. Connecting a model
 * (any `provider.changed` on this device) moves on to the first digital
 * human; creating one ends the guide. The step lives in
 * `settings.onboarding`, so a reload or another window resumes it.
 */
import { Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { OnboardingStep, Settings } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { CloseIcon, SparkleIcon } from '../../lib/ui/icons';
import { lazyNamed } from '../../lib/ui/lazyNamed';

// Loaded when first opened (not on the first screen).
const NewDhDialog = lazyNamed(() => import('../dh/NewDhDialog'), 'NewDhDialog');

interface GuidedStartProps {
  step: OnboardingStep;
  /** The workspace on screen: the first digital human is created there. */
  workspaceId: string | null;
  onConnectModel(): void;
  onSaved(settings: Settings): void;
  notify(text: string): void;
}

export function GuidedStart({ step, workspaceId, onConnectModel, onSaved, notify }: GuidedStartProps): ReactNode {
  const t = useT();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (step !== 'model') return undefined;
    return api.on('provider.changed', () => {
      api.invoke('settings.update', { onboarding: 'dh' }).then(onSaved, (err: unknown) => notify(errorMessage(err, t)));
    });
  }, [step, onSaved, notify, t]);

  if (step !== 'model' && step !== 'dh') return null;

  function moveTo(next: OnboardingStep): void {
    api.invoke('settings.update', { onboarding: next }).then(onSaved, (err: unknown) => notify(errorMessage(err, t)));
  }

  const model = step === 'model';
  return (
    <section className="guide" aria-label={t('onboarding.guide.label', { step: model ? 1 : 2 })} data-testid="guided-start">
      <SparkleIcon className="guide__icon" width={20} height={20} aria-hidden="true" />
      <div className="guide__text">
        <h2 className="guide__title">
          <span className="guide__step">{model ? '1/2' : '2/2'}</span> {t(model ? 'onboarding.guide.model.title' : 'onboarding.guide.dh.title')}
        </h2>
        <p className="guide__body">{t(model ? 'onboarding.guide.model.body' : 'onboarding.guide.dh.body')}</p>
      </div>
      <div className="guide__actions">
        {model ? (
          <button type="button" className="button button--primary" onClick={onConnectModel} data-testid="guide-connect-model">
            {t('onboarding.guide.model.action')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={workspaceId === null}
            onClick={() => setCreating(true)}
            data-testid="guide-create-dh"
          >
            {t('onboarding.guide.dh.action')}
          </button>
        )}
        <button type="button" className="button" onClick={() => moveTo(model ? 'dh' : 'done')} data-testid="guide-skip">
          {t(model ? 'onboarding.guide.model.skip' : 'onboarding.guide.dh.skip')}
        </button>
        <button type="button" className="icon-button" aria-label={t('onboarding.guide.close')} title={t('onboarding.guide.close')} onClick={() => moveTo('done')} data-testid="guide-close">
          <CloseIcon width={16} height={16} />
        </button>
      </div>
      {creating && workspaceId ? (
        <Suspense fallback={null}>
          <NewDhDialog
            workspaceId={workspaceId}
            onCreated={() => {
              setCreating(false);
              moveTo('done');
            }}
            onClose={() => setCreating(false)}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
