import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import { toAttachment, welcomeCard } from '../cards.js';

const HELP = /^\s*(hjälp|hjalp|help|\?|vad kan du( göra)?\??)\s*$/i;
const GREETING = /^\s*(hej|hejsan|hallå|halla|tjena|god (morgon|dag|kväll))\s*[!.]*\s*$/i;

/**
 * The welcome card: when the app is added in personal chat, on "hjälp" and on a greeting. Its
 * example questions come from the documents that are loaded, so each one gets an answer.
 */
export function registerWelcome(app: Application<TurnState>, knowledge: Knowledge): void {
  const card = () => toAttachment(welcomeCard(knowledge.suggestedQuestions()));
  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    const botId = context.activity.recipient.id;
    const isPersonal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
    if (isPersonal && added.some((m) => m.id !== botId)) await context.sendActivity({ attachments: [card()] });
  });
  app.message(HELP, async (context) => {
    await context.sendActivity({ attachments: [card()] });
  });
  app.message(GREETING, async (context) => {
    await context.sendActivity({ attachments: [card()] });
  });
}
