import { randomUUID } from 'node:crypto';
import type { Answer } from '../knowledge/answerer.js';
import type { Collection, DocumentStore, StoredDocument } from '../storage/documentStore.js';

export type FeedbackValue = 'up' | 'down';

/** One question as asked, what the bot answered, and the asker's verdict. */
export interface QuestionRecord extends StoredDocument {
  type: 'question';
  question: string;
  answered: boolean;
  reason: string | null;
  sources: { document: string; section: string; page: number | null }[];
  askedAt: string;
  /** Hashed, never the raw Teams id: enough to see one person's feedback, not who it is. */
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

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * Every question asked, answered or not (unanswered ones are the knowledge gaps managers
 * will see), with 👍/👎 feedback. Partitioned by month; see documentStore.ts.
 */
export class QuestionLog {
  private readonly collection: Collection<QuestionRecord>;

  constructor(store: DocumentStore, private readonly now: () => Date = () => new Date()) {
    this.collection = store.collection<QuestionRecord>('questions');
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
    };
    await this.collection.create(record);
    return { id: record.id, pk: record.pk };
  }

  /** Stores a vote; the last vote of the person who asked counts. */
  async feedback(ref: QuestionRef, value: FeedbackValue, askerHash: string): Promise<FeedbackResult> {
    const current = await this.collection.get(ref.pk, ref.id);
    if (!current) return 'not_found';
    if (current.value.askerHash !== askerHash) return 'not_yours';
    const next = { ...current.value, feedback: value, feedbackAt: this.now().toISOString() };
    // A concurrent vote on the same question: the later one simply wins.
    await this.collection.upsert(next);
    return 'saved';
  }

  /** The question a bot reply answered, looked up this month and the month before. */
  async byReply(activityId: string): Promise<QuestionRef | undefined> {
    const now = this.now();
    const months = [monthOf(now), monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)))];
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
