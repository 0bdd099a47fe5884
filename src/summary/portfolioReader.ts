import { UNREACHABLE_TEXT, type PersonContact } from '../conversations/conversationReferences.js';
import type { FollowUpRecord } from '../followUp/followUpAnswer.js';
import type { Initiative } from '../initiatives/initiative.js';
import type { OutboxItem } from '../outbox/outboxRepository.js';
import type { QuestionRecord } from '../qa/questionLog.js';
import type { DocumentStore, Filter } from '../storage/documentStore.js';
import { addDays, addMonths, stockholmInstant } from '../time/swedishCalendar.js';
import type { PortfolioData, SummaryScope } from './portfolioSummary.js';

/** The months ("2026-11") a range of local dates touches: the questions' partitions. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

/**
 * Reads what a summary needs, and nothing per initiative: the organisation's initiatives
 * (one query), the follow-up answers given in the period (a range query on `answeredAt`),
 * prompts sent and still unanswered past the overdue limit (one query), who cannot be
 * reached (two small queries) and the period's questions (one partition per month).
 */
export class PortfolioReader {
  constructor(
    private readonly store: DocumentStore,
    private readonly reminderDays: number,
  ) {}

  /** The organisation's initiatives, or all of them. */
  async initiatives(organisation: string | null): Promise<Initiative[]> {
    const orgFilter: Filter[] = organisation ? [{ field: 'organisation', op: '=', value: organisation }] : [];
    const rows = await this.store.collection<Initiative>('initiatives').query(undefined, { where: [{ field: 'type', op: '=', value: 'initiative' }, ...orgFilter] });
    return rows.map((s) => s.value);
  }

  /** What a summary needs; `questions: false` skips the knowledge gaps (the lists behind a count need none). */
  async read(scope: SummaryScope, options: { questions?: boolean } = {}): Promise<PortfolioData> {
    const start = stockholmInstant(scope.from, 0).toISOString();
    const end = stockholmInstant(addDays(scope.to, 1), 0).toISOString();
    // As followUpStatus.ts: overdue once the reminder and as long again have passed unanswered.
    const overdueBefore = stockholmInstant(addDays(scope.today, -(2 * this.reminderDays + 2)), 0).toISOString();
    const [initiatives, answered, overdue, contacts, failed, questions] = await Promise.all([
      this.initiatives(scope.organisation),
      this.store.collection<FollowUpRecord>('followups').query(undefined, {
        where: [
          { field: 'answeredAt', op: '>=', value: start },
          { field: 'answeredAt', op: '<', value: end },
        ],
      }),
      this.store.collection<OutboxItem>('outbox').query(undefined, {
        where: [
          { field: 'kind', op: '=', value: 'followUp' },
          { field: 'status', op: '=', value: 'sent' },
          { field: 'answeredAt', op: '=', value: null },
          { field: 'sentAt', op: '<', value: overdueBefore },
        ],
      }),
      this.store.collection<PersonContact>('conversations').query(undefined, { where: { status: 'unreachable' } }),
      this.store.collection<OutboxItem>('outbox').query(undefined, { where: { status: 'unreachable' } }),
      Promise.all(
        (options.questions === false ? [] : monthsOf(scope.from, scope.to)).map((month) =>
          this.store.collection<QuestionRecord>('questions').query(month, {
            where: [
              { field: 'askedAt', op: '>=', value: start },
              { field: 'askedAt', op: '<', value: end },
            ],
          }),
        ),
      ),
    ]);
    const unreachable = new Map<string, string>();
    for (const f of failed) {
      const reason = f.value.lastError as keyof typeof UNREACHABLE_TEXT | null;
      if (reason && reason in UNREACHABLE_TEXT) unreachable.set(f.value.recipientId, UNREACHABLE_TEXT[reason]);
    }
    for (const c of contacts) if (c.value.reason) unreachable.set(c.value.personId, UNREACHABLE_TEXT[c.value.reason]);
    return {
      initiatives,
      answered: answered.map((s) => ({ initiativeId: s.value.initiativeId, answeredAt: s.value.answeredAt })),
      overdue: overdue.filter((s) => s.value.sentAt).map((s) => ({ initiativeId: s.value.initiativeId, sentAt: s.value.sentAt ?? '' })),
      unreachable,
      questions: questions.flat().map((s) => ({ question: s.value.question, answered: s.value.answered, feedback: s.value.feedback })),
    };
  }
}
