import type { FollowUpOutbox } from '../src/followUp/followUpOutbox.js';
import type { OutboxComposer } from '../src/outbox/dispatcher.js';
import type { OutboxItem } from '../src/outbox/outboxRepository.js';
import { followUpCard } from './followUpCards.js';

/** The outbox's cards: a follow-up prompt, or the same card again as a reminder. */
export class CardComposer implements OutboxComposer {
  constructor(private readonly followUps: FollowUpOutbox) {}

  async compose(item: OutboxItem): Promise<{ card: Record<string, unknown> } | { skip: string } | { deferUntil: Date }> {
    const prepared = await this.followUps.prepare(item);
    if (!('view' in prepared)) return prepared;
    const card = followUpCard(prepared.view);
    if (item.kind === 'reminder') {
      const body = (card.body as unknown[] | undefined) ?? [];
      card.body = [{ type: 'TextBlock', text: 'Påminnelse: den här uppföljningen väntar fortfarande på ditt svar.', wrap: true, color: 'Accent', weight: 'Bolder' }, ...body];
    }
    return { card };
  }

  afterSent(item: OutboxItem): Promise<void> {
    return this.followUps.afterSent(item);
  }
}
