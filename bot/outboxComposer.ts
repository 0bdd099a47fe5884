import type { FollowUpOutbox } from '../src/followUp/followUpOutbox.js';
import type { OutboxComposer } from '../src/outbox/dispatcher.js';
import type { OutboxItem, OutboxKind } from '../src/outbox/outboxRepository.js';
import type { SubscriptionRepository } from '../src/summary/subscriptions.js';
import type { SummaryService } from '../src/summary/summaryService.js';
import { followUpCard } from './followUpCards.js';
import { summaryCard } from './summaryCards.js';

type Composed = Awaited<ReturnType<OutboxComposer['compose']>>;

/** The outbox's follow-up cards: a follow-up prompt, or the same card again as a reminder. */
export class FollowUpComposer implements OutboxComposer {
  constructor(private readonly followUps: FollowUpOutbox) {}

  async compose(item: OutboxItem): Promise<Composed> {
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

/** A channel's weekly summary, computed when it is sent, for the subscription as it is then. */
export class SummaryComposer implements OutboxComposer {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly summaries: SummaryService,
  ) {}

  async compose(item: OutboxItem): Promise<Composed> {
    const subscription = await this.subscriptions.get(item.recipientId);
    if (subscription?.status !== 'active') return { skip: 'prenumerationen är avslutad' };
    const summary = await this.summaries.summary(this.summaries.scope(subscription.organisation, item.period));
    return { card: summaryCard(summary, true) };
  }

  afterSent(): Promise<void> {
    // The planner puts next week's summary in the outbox on its own schedule.
    return Promise.resolve();
  }
}

/** Each outbox item to the composer of its kind. */
export class ComposerByKind implements OutboxComposer {
  constructor(private readonly composers: Readonly<Record<OutboxKind, OutboxComposer>>) {}

  compose(item: OutboxItem): Promise<Composed> {
    return this.composers[item.kind].compose(item);
  }

  afterSent(item: OutboxItem): Promise<void> {
    return this.composers[item.kind].afterSent(item);
  }
}
