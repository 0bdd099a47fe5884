import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationReferences } from '../../src/conversations/conversationReferences.js';
import type { FollowUpService } from '../../src/followUp/followUpService.js';
import type { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import type { MyInitiatives } from '../../src/initiatives/myInitiatives.js';
import { registrationIntent, type RegistrationService } from '../../src/initiatives/registration.js';
import type { PlanDefinition } from '../../src/plan/planDefinition.js';
import { today, type Clock } from '../../src/time/clock.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard, sendCard } from '../cardReplies.js';
import { personOf } from '../identity.js';
import { initiativeCard, INITIATIVE_VERB, myInitiativesCard, registrationCard } from '../registrationCards.js';

export interface MyInitiativesFeature {
  followUps: FollowUpService;
  references: ConversationReferences;
  followUpReminderDays: number;
  initiatives: InitiativeRepository;
  myInitiatives: MyInitiatives;
  registration: RegistrationService;
  plan: PlanDefinition;
  organisations: readonly string[];
  clock: Clock;
  log: Logger;
}

/** "mina insatser": the person's initiatives; open one, change its phase, edit or close it. */
export function registerMyInitiatives(app: Application<TurnState>, deps: MyInitiativesFeature): void {
  const { log } = deps;
  app.message(
    (context) => Promise.resolve(registrationIntent(context.activity.text ?? '')?.kind === 'mine'),
    async (context) => {
      log.info({ event: 'my_initiatives' }, 'my initiatives');
      const person = personOf(context);
      const mine = await deps.initiatives.forOwner(person.id);
      const contact = await deps.references.get(person.id);
      const items = await Promise.all(mine.map(async (m) => ({ initiative: m.value, status: await deps.followUps.status(m.value, contact, deps.followUpReminderDays) })));
      await sendCard(context, myInitiativesCard(items, today(deps.clock)));
    },
  );

  const onAction = async (context: TurnContext, data: unknown): Promise<CardJson> => {
    const person = personOf(context);
    const view = await deps.myInitiatives.act(person, data);
    log.info({ event: 'initiative_action', view: view.kind }, 'initiative action');
    if (view.kind === 'edit') return registrationCard(await deps.registration.startEdit(person, view.initiative), deps.plan, deps.organisations);
    const status = view.kind === 'detail' ? await deps.followUps.status(view.initiative.value, await deps.references.get(view.initiative.value.ownerId), deps.followUpReminderDays) : undefined;
    return initiativeCard(view, deps.plan, today(deps.clock), status);
  };
  app.adaptiveCards.actionExecute<Record<string, unknown>>(INITIATIVE_VERB, async (context, _state, data) => (await onAction(context, data)) as unknown as AdaptiveCard);
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(INITIATIVE_VERB, async (context, _state, data) => {
    await replaceOrSendCard(context, await onAction(context, data));
  });
}
