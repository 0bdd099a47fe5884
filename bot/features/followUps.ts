import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { parseLocalDate, type FollowUpService, type FollowUpView } from '../../src/followUp/followUpService.js';
import { addDays } from '../../src/time/swedishCalendar.js';
import { parseSnoozeRequest } from '../../src/followUp/snoozeRequest.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import type { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import { localDate, today, type Clock } from '../../src/time/clock.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard } from '../cardReplies.js';
import { FOLLOW_UP_VERB, followUpCard } from '../followUpCards.js';
import { personOf } from '../identity.js';

export interface FollowUpsFeature {
  followUps: FollowUpService;
  initiatives: InitiativeRepository;
  clock: Clock;
  log: Logger;
}

const NEXT = /^\s*(när kommer )?(nästa|min nästa) uppföljning(en)?\s*\??\s*$|^\s*när kommer uppföljningen\s*\??\s*$/i;

/**
 * Answers to follow-up prompts; "påminn mig om en vecka" and "pausa" from the card or in chat
 * ("pausa uppföljning till 1 mars" applies to all of the person's initiatives); "när kommer
 * nästa uppföljning?" lists the next prompt of each.
 */
export function registerFollowUps(app: Application<TurnState>, deps: FollowUpsFeature): void {
  const { log } = deps;
  const open = async (personId: string): Promise<Initiative[]> =>
    (await deps.initiatives.forOwner(personId)).map((s) => s.value).filter((i) => i.phase !== 'avslutad' && i.phase !== 'idé');

  app.message(
    (context) => Promise.resolve(parseSnoozeRequest(context.activity.text ?? '', today(deps.clock)) !== undefined),
    async (context) => {
      const request = parseSnoozeRequest(context.activity.text ?? '', today(deps.clock));
      if (!request) return;
      const person = personOf(context);
      const mine = await open(person.id);
      log.info({ event: 'follow_up_chat', kind: request.kind, initiatives: mine.length }, 'follow-up postponed in chat');
      if (mine.length === 0) {
        await context.sendActivity('Du har inga insatser som följs upp just nu.');
        return;
      }
      for (const i of mine) await deps.followUps.postpone(person, i.id, request.kind, request.until);
      await context.sendActivity(
        request.kind === 'snooze'
          ? `Jag påminner dig ${request.until}: inga uppföljningsfrågor före dess för dina ${mine.length} insatser.`
          : `Uppföljningen är pausad till ${request.until} för dina ${mine.length} insatser.`,
      );
    },
  );

  app.message(NEXT, async (context) => {
    const mine = await open(personOf(context).id);
    if (mine.length === 0) {
      await context.sendActivity('Du har inga insatser som följs upp just nu.');
      return;
    }
    const lines = await Promise.all(
      mine.map(async (i) => {
        const next = await deps.followUps.next(i.id);
        return `- ${i.name}: ${next ? localDate(next) : 'ingen planerad'}`;
      }),
    );
    await context.sendActivity({ text: `Nästa uppföljning:\n${lines.join('\n')}`, textFormat: 'plain' });
  });

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
