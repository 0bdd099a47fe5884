import type { OutboxRepository } from '../outbox/outboxRepository.js';
import { outboxId } from '../outbox/outboxRepository.js';
import { today, type Clock } from '../time/clock.js';
import { addDays } from '../time/swedishCalendar.js';
import type { ChannelSubscription, SubscriptionRepository } from './subscriptions.js';
import { isoWeek, summaryInstant, weekStart, type SummaryTime } from './summaryWeek.js';

/** How often the planner looks at the subscriptions at most (the outbox runs far more often). */
const PLAN_EVERY_MS = 10 * 60_000;

/**
 * Puts each subscribed channel's weekly summary in the outbox, under an id made of the
 * channel and the ISO week: however many instances plan it, however often, and across
 * restarts, there is one item per channel and week, and the outbox's leases send it once.
 * This week's summary is planned only for a subscription older than its send time (one
 * made later gets its first summary next week); one whose time has passed while no
 * instance ran goes out late rather than not at all.
 */
export class SummaryPlanner {
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly time: SummaryTime,
  ) {}

  /** Plans every active subscription, at most every ten minutes unless forced. */
  async planAll(force = false): Promise<number> {
    const now = this.clock.now().getTime();
    if (!force && now - this.lastRun < PLAN_EVERY_MS) return 0;
    this.lastRun = now;
    let created = 0;
    for (const subscription of await this.subscriptions.active()) created += await this.plan(subscription);
    return created;
  }

  /** Plans one subscription's summaries for this week and the next; returns how many were new. */
  async plan(subscription: ChannelSubscription): Promise<number> {
    if (subscription.status !== 'active') return 0;
    const monday = weekStart(today(this.clock));
    let created = 0;
    for (const week of [monday, addDays(monday, 7)]) {
      const due = summaryInstant(week, this.time);
      if (subscription.subscribedAt > due.toISOString()) continue;
      const period = isoWeek(week);
      if (await this.outbox.get(outboxId('summary', subscription.channelKey, period))) continue;
      const added = await this.outbox.add({ kind: 'summary', recipientId: subscription.channelKey, initiativeId: subscription.channelKey, period, dueAt: due.toISOString() });
      if (added.created) created++;
    }
    return created;
  }

  /** When the channel's next summary goes out, if one is planned. */
  async next(subscription: ChannelSubscription): Promise<Date | null> {
    const pending = (await this.outbox.pendingFor(subscription.channelKey)).map((s) => s.value.dueAt).sort();
    return pending[0] ? new Date(pending[0]) : null;
  }
}
