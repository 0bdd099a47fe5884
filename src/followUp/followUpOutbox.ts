import type { InitiativeRepository } from '../initiatives/initiativeRepository.js';
import type { OutboxItem, OutboxRepository } from '../outbox/outboxRepository.js';
import { today, type Clock } from '../time/clock.js';
import { addDays, nextWorkingDay } from '../time/swedishCalendar.js';
import { DEFAULT_WINDOW, sendInstant, type SendWindow } from './followUpSchedule.js';
import type { OutboxFollowUpPlanner } from './followUpPlanner.js';
import type { FollowUpService, FollowUpView } from './followUpService.js';

/**
 * What the outbox sends for follow-ups, decided when an item is due (not when it was
 * planned): nothing for an initiative that is closed, back at the idea stage, deleted, or
 * handed to someone else; later for one that is paused or snoozed; nothing for a reminder
 * whose prompt was answered. After a prompt is sent, one reminder is planned for when it is
 * still unanswered, and the next prompt is planned.
 */
export class FollowUpOutbox {
  constructor(
    private readonly followUps: FollowUpService,
    private readonly initiatives: InitiativeRepository,
    private readonly outbox: OutboxRepository,
    private readonly planner: OutboxFollowUpPlanner,
    private readonly clock: Clock,
    private readonly reminderDays: number,
    private readonly window: SendWindow = DEFAULT_WINDOW,
  ) {}

  async prepare(item: OutboxItem): Promise<{ view: FollowUpView } | { skip: string } | { deferUntil: Date }> {
    const initiative = (await this.initiatives.get(item.initiativeId))?.value;
    if (!initiative) return { skip: 'insatsen finns inte längre' };
    if (initiative.phase === 'avslutad' || initiative.phase === 'idé') return { skip: `insatsen är i fas ${initiative.phase}` };
    if (initiative.ownerId !== item.recipientId) return { skip: 'insatsen har en ny ägare' };
    const promptId = item.kind === 'reminder' && item.promptId ? item.promptId : item.id;
    const prompt = await this.outbox.get(promptId);
    if (item.kind === 'reminder' && prompt?.value.answeredAt) return { skip: 'uppföljningen är redan besvarad' };
    const state = initiative.followUpState;
    const until = [state?.pausedUntil, state?.snoozedUntil].filter((d): d is string => Boolean(d)).sort().at(-1);
    if (until && until > today(this.clock)) {
      const date = nextWorkingDay(until);
      return { deferUntil: sendInstant(date, item.id, this.window) };
    }
    const view = await this.followUps.prompt(promptId, { withNext: false });
    return view.kind === 'prompt' ? { view } : { skip: 'uppföljningen finns inte' };
  }

  async afterSent(item: OutboxItem): Promise<void> {
    if (item.kind !== 'followUp') return;
    const date = nextWorkingDay(addDays(today(this.clock), this.reminderDays));
    await this.outbox.add({
      kind: 'reminder',
      recipientId: item.recipientId,
      initiativeId: item.initiativeId,
      period: item.period,
      promptId: item.id,
      dueAt: sendInstant(date, `reminder:${item.id}`, this.window).toISOString(),
    });
    const initiative = (await this.initiatives.get(item.initiativeId))?.value;
    if (initiative) await this.planner.afterSend(initiative, this.clock.now().toISOString());
  }
}
