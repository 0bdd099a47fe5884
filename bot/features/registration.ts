import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { registrationIntent, type RegistrationService, type RegistrationView } from '../../src/initiatives/registration.js';
import type { PlanDefinition } from '../../src/plan/planDefinition.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard, sendCard } from '../cardReplies.js';
import { personOf } from '../identity.js';
import { REGISTRATION_VERB, registrationCard } from '../registrationCards.js';
import type { RegistrationPrefill } from '../registrationPrefill.js';

export interface RegistrationFeature {
  registration: RegistrationService;
  plan: PlanDefinition;
  organisations: readonly string[];
  /** Suggests more fields from a free-text description; only with Azure OpenAI. */
  prefill?: RegistrationPrefill | undefined;
  log: Logger;
}

/**
 * Registering a förändringsinsats: "registrera insats" (or a described change) starts the
 * steps, "fortsätt" resumes, "avbryt" cancels; every card press goes to the domain service.
 */
export function registerRegistration(app: Application<TurnState>, deps: RegistrationFeature): void {
  const { log } = deps;
  const reply = (view: RegistrationView): CardJson => registrationCard(view, deps.plan, deps.organisations);

  app.message(
    (context) => Promise.resolve(['start', 'resume', 'cancel'].includes(registrationIntent(context.activity.text ?? '')?.kind ?? '')),
    async (context, state) => {
      const intent = registrationIntent(context.activity.text ?? '');
      const person = personOf(context);
      log.info({ event: 'registration', intent: intent?.kind }, 'registration command');
      if (intent?.kind === 'start') {
        let prefill: Record<string, string> = { ...intent.prefill };
        if (intent.prefill && deps.prefill) {
          const suggested = await deps.prefill.suggest(context, state, intent.prefill.description).catch((error: unknown) => {
            log.warn({ err: error }, 'prefill failed; starting without suggestions');
            return {};
          });
          prefill = { ...prefill, ...suggested, description: intent.prefill.description };
        }
        await sendCard(context, reply(await deps.registration.start(person, prefill)));
      } else if (intent?.kind === 'resume') {
        await sendCard(context, reply(await deps.registration.resume(person)));
      } else if (intent?.kind === 'cancel') {
        await context.sendActivity((await deps.registration.cancel(person)) ? 'Registreringen är avbruten. Inget sparades i portföljen.' : 'Du har ingen påbörjad registrering.');
      }
    },
  );

  const onSubmit = async (context: TurnContext, data: unknown): Promise<CardJson> => {
    const view = await deps.registration.submit(personOf(context), data);
    log.info(
      { event: 'registration_step', view: view.kind, step: view.kind === 'step' ? view.draft.step : undefined, errors: view.kind === 'step' ? Object.keys(view.errors).length : 0 },
      'registration step',
    );
    return reply(view);
  };
  app.adaptiveCards.actionExecute<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => (await onSubmit(context, data)) as unknown as AdaptiveCard);
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => {
    await replaceOrSendCard(context, await onSubmit(context, data));
  });
}
