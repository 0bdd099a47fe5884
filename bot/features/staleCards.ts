import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { noAnswerCard } from '../cards.js';

const STALE = 'Kortet är inaktuellt, så inget ändrades. Skriv "hjälp" för att se vad jag kan, eller "mina insatser" för dina insatser.';

function hasSubmitValue(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === 'message' && !(a.text ?? '').trim() && a.value !== null && typeof a.value === 'object';
}

/**
 * A card action nobody handles (an unknown or retired verb, an old card, a forged payload)
 * gets a short Swedish card instead of a bare 501. Registered after every feature's invoke
 * routes: it only sees what none of them took.
 */
export function registerUnknownCardActions(app: Application<TurnState>, log: Logger): void {
  app.addRoute(
    (context) => Promise.resolve(context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action'),
    async (context) => {
      log.info({ event: 'stale_card', via: 'invoke' }, 'card action not handled');
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noAnswerCard(STALE) } },
      });
    },
    true,
  );
}

/**
 * The same for Action.Submit (clients without Universal Actions), which arrives as a message
 * with a value and no text: registered before the questions feature, which would otherwise
 * take it for an empty question.
 */
export function registerUnknownCardSubmits(app: Application<TurnState>, log: Logger): void {
  app.addRoute(
    (context) => Promise.resolve(hasSubmitValue(context)),
    async (context) => {
      log.info({ event: 'stale_card', via: 'submit' }, 'card action not handled');
      await context.sendActivity(STALE);
    },
  );
}
