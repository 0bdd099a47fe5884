import { randomUUID } from 'node:crypto';
import type { Answer } from '../knowledge/answerer.js';
import type { Collection, DocumentStore, StoredDocument } from '../storage/documentStore.js';
import { localDate, systemClock, type Clock } from '../time/clock.js';

export type FeedbackValue = 'up' | 'down';

/** One question as asked, what the bot answered, and the asker's verdict. */
export interface QuestionRecord extends StoredDocument {
  type: 'question';
  question: string;
  answered: boolean;
  reason: string | null;
  sources: { document: string; section: string; page: number | null }[];
  askedAt: string;
  /** A keyed pseudonym (see pseudonyms.ts), never the Teams id: enough to see one person's feedback, not who it is. */
  askerHash: string;
  feedback: FeedbackValue | null;
  feedbackAt: string | null;
  /** True when Azure OpenAI wrote the answer from the sources. */
  generated: boolean;
  /** The id of the bot's reply, for Teams' own feedback buttons on generated answers. */
  replyActivityId: string | null;
}

/** What a card button carries to find the question again. */
export interface QuestionRef {
  id: string;
  pk: string;
}

export type FeedbackResult = 'saved' | 'not_found' | 'not_yours';

/** The month in Europe/Stockholm: the knowledge-gap report counts by the local month. */
function monthOf(date: Date): string {
  return localDate(date).slice(0, 7);
}

/**
 * Every question asked, answered or not (unanswered ones are the knowledge gaps managers
 * will see), with 👍/👎 feedback. Partitioned by month; see documentStore.ts.
 */
export class QuestionLog {
  private readonly collection: Collection<QuestionRecord>;

  private readonly ttl: number;

  constructor(
    store: DocumentStore,
    options: { retentionDays?: number; clock?: Clock } = {},
  ) {
    this.collection = store.collection<QuestionRecord>('questions');
    this.ttl = Math.round((options.retentionDays ?? 400) * 24 * 3600);
    this.clock = options.clock ?? systemClock;
  }

  private readonly clock: Clock;

  private now(): Date {
    return this.clock.now();
  }

  /** A reference for a question about to be recorded, so a reply can carry it already. */
  newRef(): QuestionRef {
    return { id: randomUUID(), pk: monthOf(this.now()) };
  }

  async record(answer: Answer, askerHash: string, ref: QuestionRef = this.newRef(), reply: { generated?: boolean; activityId?: string } = {}): Promise<QuestionRef> {
    const at = this.now();
    const record: QuestionRecord = {
      id: ref.id,
      pk: ref.pk,
      type: 'question',
      question: answer.question.slice(0, 2000),
      answered: answer.answered,
      reason: answer.reason ?? null,
      sources: answer.sources.map((s) => ({ document: s.document, section: s.section, page: s.page ?? null })),
      askedAt: at.toISOString(),
      askerHash,
      feedback: null,
      feedbackAt: null,
      generated: reply.generated ?? false,
      replyActivityId: reply.activityId ?? null,
      ttl: this.ttl,
    };
    await this.collection.create(record);
    return { id: record.id, pk: record.pk };
  }

  /** Stores a vote; the last vote of the person who asked counts. */
  async feedback(ref: QuestionRef, value: FeedbackValue, askerHash: string): Promise<FeedbackResult> {
    const current = await this.collection.get(ref.pk, ref.id);
    if (!current) return 'not_found';
    if (current.value.askerHash !== askerHash) return 'not_yours';
    // A concurrent vote on the same question: the later one simply wins.
    await this.collection.patch(ref.pk, ref.id, [
      { op: 'set', field: 'feedback', value },
      { op: 'set', field: 'feedbackAt', value: this.now().toISOString() },
    ]);
    return 'saved';
  }

  /** The question a bot reply answered, looked up this month and the month before. */
  async byReply(activityId: string): Promise<QuestionRef | undefined> {
    const now = this.now();
    const [year, month] = monthOf(now).split('-').map(Number) as [number, number];
    const months = [monthOf(now), monthOf(new Date(Date.UTC(year, month - 2, 15)))];
    for (const month of months) {
      const [found] = await this.collection.query(month, { where: { replyActivityId: activityId }, limit: 1 });
      if (found) return { id: found.value.id, pk: found.value.pk };
    }
    return undefined;
  }

  get(ref: QuestionRef): Promise<QuestionRecord | undefined> {
    return this.collection.get(ref.pk, ref.id).then((s) => s?.value);
  }

  /** The month's unanswered questions, newest first: the knowledge gaps. */
  async unanswered(month: string): Promise<QuestionRecord[]> {
    const rows = await this.collection.query(month, { where: { answered: false }, orderBy: { field: 'askedAt', direction: 'desc' } });
    return rows.map((r) => r.value);
  }
}
