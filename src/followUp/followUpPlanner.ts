import type { Initiative } from '../initiatives/initiative.js';
import type { OutboxRepository } from '../outbox/outboxRepository.js';
import { today, type Clock } from '../time/clock.js';
import { DEFAULT_WINDOW, nextPrompts, type PlannedPrompt, type SendWindow } from './followUpSchedule.js';
import type { FollowUpPlanner } from './followUpService.js';

/**
 * Puts an initiative's next prompts in the outbox, the one place that decides them: after
 * registration, every answer, phase change, snooze or pause. Prompts have deterministic ids
 * (initiative, kind, period), so planning again never duplicates one; a waiting prompt that
 * a snooze or pause moved is moved in the outbox too, one no longer wanted is cancelled.
 */
export class OutboxFollowUpPlanner implements FollowUpPlanner {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly window: SendWindow = DEFAULT_WINDOW,
  ) {}

  async planNext(initiative: Initiative): Promise<void> {
    const lastSent = await this.outbox.lastSent(initiative.id);
    const planned = nextPrompts(initiative, today(this.clock), this.window, lastSent?.sentAt ?? null);
    const byPeriod = new Map(planned.map((p) => [p.period, p]));
    for (const item of await this.outbox.pendingFor(initiative.id)) {
      // Handed over: what was waiting goes to the new owner.
      const recipient = item.value.recipientId !== initiative.ownerId ? { recipientId: initiative.ownerId } : {};
      // A reminder stays as it is while follow-up goes on: it is skipped when sent if the prompt was answered.
      if (item.value.kind === 'reminder') {
        if (planned.length === 0) await this.outbox.revise(item, { status: 'cancelled' });
        else if ('recipientId' in recipient) await this.outbox.revise(item, recipient);
        continue;
      }
      const wanted = byPeriod.get(item.value.period);
      if (!wanted) await this.outbox.revise(item, { status: 'cancelled' });
      else if (wanted.dueAt.toISOString() > item.value.dueAt || 'recipientId' in recipient) {
        await this.outbox.revise(item, { ...recipient, dueAt: wanted.dueAt.toISOString() > item.value.dueAt ? wanted.dueAt.toISOString() : item.value.dueAt });
      }
    }
    await this.add(initiative, planned);
  }

  /**
   * After a prompt went out: the next ones counted from now. Only adds (an existing id is a
   * 409 and changes nothing), no queries, since nothing the owner did moved anything.
   */
  async afterSend(initiative: Initiative, sentAt: string): Promise<void> {
    await this.add(initiative, nextPrompts(initiative, today(this.clock), this.window, sentAt));
  }

  private async add(initiative: Initiative, planned: readonly PlannedPrompt[]): Promise<void> {
    for (const p of planned) {
      await this.outbox.add({ kind: 'followUp', recipientId: initiative.ownerId, initiativeId: initiative.id, period: p.period, dueAt: p.dueAt.toISOString() });
    }
  }
}
