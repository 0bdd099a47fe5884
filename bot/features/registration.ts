import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { registrationIntent, type RegistrationService, type RegistrationView } from '../../src/initiatives/registration.js';
import { stepInputId } from '../../src/initiatives/validation.js';
import { ACTION_DATASET, actionChoices } from '../../src/plan/actionChoices.js';
import type { PlanDefinition } from '../../src/plan/planDefinition.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard, sendCard } from '../cardReplies.js';
import { personOf, withPickedSelf } from '../identity.js';
import { REGISTRATION_VERB, registrationCard } from '../registrationCards.js';
import type { RegistrationPrefill } from '../registrationPrefill.js';

/** Teams shows at most 15 choices from a search (and asks for 15): a page is never larger. */
const MAX_SEARCH_RESULTS = 15;

export interface RegistrationFeature {
  registration: RegistrationService;
  plan: PlanDefinition;
  organisations: readonly string[];
  /** Suggests more fields from a free-text description; only with Azure OpenAI. */
  prefill?: RegistrationPrefill | undefined;
  log: Logger;
}

/** Fields where a person is picked (people picker), under their step ids and plain names. */
const PERSON_FIELDS = [stepInputId('about', 'ownerId'), 'ownerId', stepInputId('benefit', 'benefitOwnerId'), 'benefitOwnerId'];

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
    const view = await deps.registration.submit(personOf(context), withPickedSelf(context, data, PERSON_FIELDS));
    log.info(
      { event: 'registration_step', view: view.kind, step: view.kind === 'step' ? view.draft.step : undefined, errors: view.kind === 'step' ? Object.keys(view.errors).length : 0 },
      'registration step',
    );
    return reply(view);
  };
  // The insats list of step 2, narrowed to the målområde chosen on the card (Teams sends the
  // card's inputs along, associatedInputs: auto). Clients without Data.Query show the whole
  // list from the card, and the server checks the pair when the step is sent.
  app.adaptiveCards.search(ACTION_DATASET, (context, _state, query) => {
    const value: unknown = context.activity.value;
    const inputs = value && typeof value === 'object' && 'data' in value && value.data && typeof value.data === 'object' ? (value.data as Record<string, unknown>) : {};
    const area = Number(inputs[stepInputId('plan', 'goalArea')]);
    const text = typeof query.parameters.queryText === 'string' ? query.parameters.queryText.slice(0, 200) : '';
    const skip = Number.isInteger(query.skip) && query.skip > 0 ? query.skip : 0;
    const count = Number.isInteger(query.count) && query.count > 0 ? Math.min(query.count, MAX_SEARCH_RESULTS) : MAX_SEARCH_RESULTS;
    const results = actionChoices(deps.plan, Number.isInteger(area) ? area : undefined, text).slice(skip, skip + count);
    log.info({ event: 'action_search', results: results.length }, 'insats search');
    return Promise.resolve(results);
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => (await onSubmit(context, data)) as unknown as AdaptiveCard);
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => {
    await replaceOrSendCard(context, await onSubmit(context, data));
  });
}
