import { ActivityTypes, type TurnContext } from 'botbuilder';
import { toAttachment, type CardJson } from './cards.js';

/** Sends a card as a new message. */
export async function sendCard(context: TurnContext, card: CardJson): Promise<void> {
  await context.sendActivity({ attachments: [toAttachment(card)] });
}

/**
 * The answer to an Action.Submit (clients without Universal Actions): the card replaces the
 * one pressed when the client allows it, otherwise it comes as a new message.
 */
export async function replaceOrSendCard(context: TurnContext, card: CardJson): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (replyToId) {
    try {
      await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [toAttachment(card)] });
      return;
    } catch {
      // Not every client can update a message; a new card does the job.
    }
  }
  await sendCard(context, card);
}
