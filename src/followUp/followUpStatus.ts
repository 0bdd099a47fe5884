import { UNREACHABLE_TEXT, type PersonContact } from '../conversations/conversationReferences.js';
import type { Initiative } from '../initiatives/initiative.js';
import type { OutboxItem } from '../outbox/outboxRepository.js';
import { localDate } from '../time/clock.js';
import { addDays } from '../time/swedishCalendar.js';

export type FollowUpStanding = 'ingen uppföljning' | 'i tid' | 'väntar på svar' | 'försenad';

export interface FollowUpStatus {
  standing: FollowUpStanding;
  /** Local date of the next planned prompt. */
  next: string | null;
  /** Why the owner cannot be reached, in words; null when they can. */
  unreachable: string | null;
}

/**
 * Where an initiative's follow-up stands: on time, waiting for an answer (a prompt was sent
 * and not answered yet), or overdue (no answer after the reminder and as long again), and
 * whether its owner can be reached at all.
 */
export function followUpStatus(
  initiative: Initiative,
  lastSent: OutboxItem | undefined,
  next: Date | null,
  contact: PersonContact | undefined,
  today: string,
  reminderDays: number,
): FollowUpStatus {
  const unreachable = contact?.status === 'unreachable' && contact.reason ? UNREACHABLE_TEXT[contact.reason] : contact ? null : UNREACHABLE_TEXT.NeverInstalled;
  if (initiative.phase === 'idé' || initiative.phase === 'avslutad') return { standing: 'ingen uppföljning', next: null, unreachable };
  const nextDate = next ? localDate(next) : null;
  if (!lastSent?.sentAt || lastSent.answeredAt) return { standing: 'i tid', next: nextDate, unreachable };
  const overdueFrom = addDays(localDate(new Date(lastSent.sentAt)), 2 * reminderDays + 2);
  return { standing: today > overdueFrom ? 'försenad' : 'väntar på svar', next: nextDate, unreachable };
}
