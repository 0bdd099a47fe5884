import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationAddress, ConversationReferences } from '../../src/conversations/conversationReferences.js';
import type { OutboxRepository } from '../../src/outbox/outboxRepository.js';

/** The personal conversation an activity came in, as an address the bot can send to later. */
export function personalAddress(context: TurnContext): { personId: string; address: ConversationAddress } | undefined {
  const a = context.activity;
  const personId = (a.from as { aadObjectId?: string } | undefined)?.aadObjectId;
  if (!personId || (a.conversation.conversationType ?? 'personal') !== 'personal') return undefined;
  const tenant = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId;
  return { personId, address: { serviceUrl: a.serviceUrl, conversationId: a.conversation.id, tenantId: tenant, channelId: a.channelId, botId: a.recipient.id } };
}

/**
 * Keeps each person's conversation reference: when the app is installed for them, and on
 * everything they send in personal chat (which also heals an address marked unreachable);
 * drops it when the app is removed.
 */
export function registerConversations(app: Application<TurnState>, references: ConversationReferences, outbox: OutboxRepository, log: Logger): void {
  app.turn('beforeTurn', async (context) => {
    const type = context.activity.type;
    if (type !== 'message' && type !== 'invoke' && type !== 'conversationUpdate' && type !== 'installationUpdate') return true;
    if (type === 'installationUpdate' && /^remove/.test(context.activity.action ?? '')) return true;
    const found = personalAddress(context);
    if (found) {
      try {
        // Reachable again: the prompts that could not reach them go out at the next run.
        if (await references.remember(found.personId, found.address)) {
          log.info({ event: 'reachable_again', requeued: await outbox.requeueUnreachable(found.personId) }, 'person reachable again');
        }
      } catch (error) {
        log.warn({ err: error }, 'conversation reference not saved');
      }
    }
    return true;
  });

  app.activity('installationUpdate', async (context) => {
    const personId = (context.activity.from as { aadObjectId?: string } | undefined)?.aadObjectId;
    const removed = /^remove/.test(context.activity.action ?? '');
    log.info({ event: 'installation', action: removed ? 'remove' : 'add' }, 'installation update');
    if (removed && personId && (context.activity.conversation.conversationType ?? 'personal') === 'personal') await references.forget(personId);
  });
}
