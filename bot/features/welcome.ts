import type { Application, TurnState } from '@microsoft/teams-ai';
import { toAttachment, welcomeCard } from '../cards.js';

const HELP = /^\s*(hjälp|hjalp|help|\?|vad kan du( göra)?\??)\s*$/i;
const GREETING = /^\s*(hej|hejsan|hallå|halla|tjena|god (morgon|dag|kväll))\s*[!.]*\s*$/i;

/** The welcome card: when the app is added in personal chat, on "hjälp" and on a greeting. */
export function registerWelcome(app: Application<TurnState>): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    const botId = context.activity.recipient.id;
    const isPersonal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
    if (isPersonal && added.some((m) => m.id !== botId)) await context.sendActivity({ attachments: [toAttachment(welcomeCard())] });
  });
  app.message(HELP, async (context) => {
    await context.sendActivity({ attachments: [toAttachment(welcomeCard())] });
  });
  app.message(GREETING, async (context) => {
    await context.sendActivity({ attachments: [toAttachment(welcomeCard())] });
  });
}
