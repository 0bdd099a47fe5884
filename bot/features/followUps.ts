import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { parseLocalDate, type FollowUpService, type FollowUpView } from '../../src/followUp/followUpService.js';
import { addDays } from '../../src/time/swedishCalendar.js';
import { today, type Clock } from '../../src/time/clock.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard } from '../cardReplies.js';
import { FOLLOW_UP_VERB, followUpCard } from '../followUpCards.js';
import { personOf } from '../identity.js';

export interface FollowUpsFeature {
  followUps: FollowUpService;
  clock: Clock;
  log: Logger;
}

/** Answers to follow-up prompts, and "påminn mig om en vecka" / "pausa" from the card. */
export function registerFollowUps(app: Application<TurnState>, deps: FollowUpsFeature): void {
  const { log } = deps;
  const onAction = async (context: TurnContext, raw: unknown): Promise<CardJson> => {
    const data = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const person = personOf(context);
    const initiativeId = typeof data.initiativeId === 'string' ? data.initiativeId.slice(0, 100) : '';
    let view: FollowUpView;
    if (data.op === 'snooze') {
      const days = Number(data.days);
      view = Number.isInteger(days) && days >= 1 && days <= 60 ? await deps.followUps.postpone(person, initiativeId, 'snooze', addDays(today(deps.clock), days)) : { kind: 'none', message: 'Det går att skjuta upp en till 60 dagar.' };
    } else if (data.op === 'pause') {
      const until = parseLocalDate(data.pauseUntil, today(deps.clock));
      view = until ? await deps.followUps.postpone(person, initiativeId, 'pause', until) : { kind: 'none', message: 'Välj ett datum efter i dag och högst två år fram för pausen.' };
    } else {
      view = await deps.followUps.answer(person, data);
    }
    log.info({ event: 'follow_up', op: typeof data.op === 'string' ? data.op.slice(0, 20) : 'answer', view: view.kind, errors: view.kind === 'prompt' ? Object.keys(view.errors).length : 0 }, 'follow-up action');
    return followUpCard(view);
  };
  app.adaptiveCards.actionExecute<Record<string, unknown>>(FOLLOW_UP_VERB, async (context, _state, data) => (await onAction(context, data)) as unknown as AdaptiveCard);
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(FOLLOW_UP_VERB, async (context, _state, data) => {
    await replaceOrSendCard(context, await onAction(context, data));
  });
}
