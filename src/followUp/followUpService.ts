import type { InitiativeRepository } from '../initiatives/initiativeRepository.js';
import { EMPTY_FOLLOW_UP_STATE, type Initiative, type Person } from '../initiatives/initiative.js';
import type { OutboxItem, OutboxRepository } from '../outbox/outboxRepository.js';
import { ConflictError, type Collection, type DocumentStore } from '../storage/documentStore.js';
import type { PersonContact } from '../conversations/conversationReferences.js';
import { systemClock, today, type Clock } from '../time/clock.js';
import { followUpStatus, type FollowUpStatus } from './followUpStatus.js';
import { parseFollowUpAnswer, type FieldErrors, type FollowUpRecord } from './followUpAnswer.js';

/** Plans an initiative's next prompt; the follow-up feature calls it after every answer. */
export interface FollowUpPlanner {
  planNext(initiative: Initiative): Promise<void>;
}

export type FollowUpView =
  | { kind: 'prompt'; initiative: Initiative; prompt: OutboxItem; errors: FieldErrors; values: Record<string, string>; next: Date | null }
  | { kind: 'receipt'; initiative: Initiative; record: FollowUpRecord; already: boolean; next: Date | null }
  | { kind: 'postponed'; initiative: Initiative; until: string; how: 'snooze' | 'pause'; next: Date | null }
  | { kind: 'none'; message: string };


const NOT_FOUND = 'Jag hittar inte den uppföljningen längre. Skriv "mina insatser" för att se dina insatser.';

function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * The owner's answers to follow-up prompts. An answer is stored once per prompt (its id is
 * the prompt's id: answering twice, or from an old card, never records twice; a late answer
 * still counts), becomes the benefits' latest values on the initiative, and the next prompt
 * is planned. Every submission is validated on the server.
 */
export class FollowUpService {
  private readonly records: Collection<FollowUpRecord>;

  constructor(
    store: DocumentStore,
    private readonly initiatives: InitiativeRepository,
    private readonly outbox: OutboxRepository,
    private readonly planner: FollowUpPlanner,
    private readonly clock: Clock = systemClock,
  ) {
    this.records = store.collection<FollowUpRecord>('followups');
  }

  /** The prompt as its card shows it (with when the next one comes, unless `withNext` is false). */
  async prompt(promptId: string, options: { withNext?: boolean } = {}): Promise<FollowUpView> {
    const prompt = await this.outbox.get(promptId);
    const initiative = prompt ? await this.initiatives.get(prompt.value.initiativeId) : undefined;
    if (!prompt || !initiative) return { kind: 'none', message: NOT_FOUND };
    const next = options.withNext === false ? null : await this.next(initiative.value.id, prompt.value.id);
    return { kind: 'prompt', initiative: initiative.value, prompt: prompt.value, errors: {}, values: {}, next };
  }

  /** When the initiative's next prompt goes out (other than `except`), if one is planned. */
  async next(initiativeId: string, except?: string): Promise<Date | null> {
    const due = (await this.outbox.pendingFor(initiativeId)).map((s) => s.value).filter((i) => i.id !== except && i.kind === 'followUp');
    const first = due.map((i) => i.dueAt).sort()[0];
    return first ? new Date(first) : null;
  }

  /** Where the initiative's follow-up stands, for "mina insatser" and the initiative's card. */
  async status(initiative: Initiative, contact: PersonContact | undefined, reminderDays: number): Promise<FollowUpStatus> {
    const [lastSent, next] = await Promise.all([this.outbox.lastSent(initiative.id), this.next(initiative.id)]);
    return followUpStatus(initiative, lastSent, next, contact, today(this.clock), reminderDays);
  }

  /** The series of answers for one initiative, oldest first. */
  async history(initiativeId: string): Promise<FollowUpRecord[]> {
    return (await this.records.query(initiativeId, { orderBy: { field: 'answeredAt', direction: 'asc' } })).map((r) => r.value);
  }

  /**
   * "Påminn mig om en vecka" / "pausa uppföljning till 1 mars": no prompt before `until`
   * (a local date). A snooze moves the next prompt; a pause stops them all until then.
   */
  async postpone(person: Person, initiativeId: string, kind: 'snooze' | 'pause', until: string): Promise<FollowUpView> {
    const current = await this.initiatives.get(initiativeId);
    if (!current) return { kind: 'none', message: NOT_FOUND };
    if (current.value.ownerId !== person.id) return { kind: 'none', message: 'Bara den som äger insatsen kan ändra när uppföljningen kommer.' };
    const updated = await this.initiatives.mutate(initiativeId, (i) => ({
      ...i,
      followUpState: { ...EMPTY_FOLLOW_UP_STATE, ...i.followUpState, ...(kind === 'snooze' ? { snoozedUntil: until } : { pausedUntil: until }) },
      history: [...i.history, { at: this.clock.now().toISOString(), by: person.name, change: kind === 'snooze' ? `uppföljningen skjuten till ${until}` : `uppföljningen pausad till ${until}` }],
    }));
    const after = updated?.value ?? current.value;
    await this.planner.planNext(after);
    return { kind: 'postponed', initiative: (await this.initiatives.get(initiativeId))?.value ?? after, until, how: kind, next: await this.next(initiativeId) };
  }

  async answer(person: Person, raw: unknown): Promise<FollowUpView> {
    const data = asRecord(raw);
    const promptId = typeof data.promptId === 'string' ? data.promptId.slice(0, 200) : '';
    const stored = promptId ? await this.outbox.get(promptId) : undefined;
    const initiative = stored ? await this.initiatives.get(stored.value.initiativeId) : undefined;
    if (!stored || !initiative || data.initiativeId !== stored.value.initiativeId) return { kind: 'none', message: NOT_FOUND };
    if (initiative.value.ownerId !== person.id) return { kind: 'none', message: 'Bara den som äger insatsen kan svara på uppföljningen.' };
    // A reminder is answered as the prompt it reminds of.
    const prompt = stored.value.kind === 'reminder' && stored.value.promptId ? ((await this.outbox.get(stored.value.promptId)) ?? stored) : stored;

    const parsed = parseFollowUpAnswer(data, initiative.value.benefits.length);
    if (!parsed.ok) return { kind: 'prompt', initiative: initiative.value, prompt: prompt.value, errors: parsed.errors, values: textValues(data), next: await this.next(initiative.value.id, prompt.value.id) };
    const at = this.clock.now().toISOString();
    const record: FollowUpRecord = {
      ...parsed.value,
      id: prompt.value.id,
      pk: initiative.value.id,
      type: 'follow-up',
      promptId: prompt.value.id,
      period: prompt.value.period,
      answeredAt: at,
      answeredBy: person,
      readings: parsed.value.readings.map((r) => ({ ...r, indicator: initiative.value.benefits[r.benefitIndex]?.indicator ?? '' })),
    };
    let already = false;
    let saved = record;
    try {
      await this.records.create(record);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      already = true;
      saved = (await this.records.get(initiative.value.id, prompt.value.id))?.value ?? record;
    }
    // Applying the answer is idempotent, so a crash after the record was written is mended by the next press.
    const updated = await this.initiatives.mutate(initiative.value.id, (current) => applyAnswer(current, saved));
    await this.outbox.markAnswered(prompt.value.id);
    if (stored.value.id !== prompt.value.id) await this.outbox.markAnswered(stored.value.id);
    const after = updated?.value ?? initiative.value;
    await this.planner.planNext(after);
    return { kind: 'receipt', initiative: (await this.initiatives.get(after.id))?.value ?? after, record: saved, already, next: await this.next(after.id) };
  }
}

/** A local date (YYYY-MM-DD) a person typed or picked, within reason. */
export function parseLocalDate(raw: unknown, today: string): string | undefined {
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return undefined;
  const value = raw.trim();
  const d = new Date(`${value}T12:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return undefined;
  return value > today && value <= `${Number(today.slice(0, 4)) + 2}${today.slice(4)}` ? value : undefined;
}

function textValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 1000)]));
}

/** The initiative with the answer in it; undefined when it is in already. */
function applyAnswer(current: Initiative, record: FollowUpRecord): Initiative | undefined {
  const state = { ...EMPTY_FOLLOW_UP_STATE, ...current.followUpState };
  if (state.lastAnsweredPromptId === record.promptId) return undefined;
  const benefits = current.benefits.map((b, i) => {
    const reading = record.readings.find((r) => r.benefitIndex === i);
    return reading ? { ...b, lastValue: reading.value, lastReportedAt: record.answeredAt } : b;
  });
  const phase = record.phaseChange && record.phaseChange !== current.phase && current.phase !== 'avslutad' ? record.phaseChange : current.phase;
  const inOperationSince = phase === 'i drift/förvaltning' && current.phase !== phase ? record.answeredAt : state.inOperationSince;
  const change = phase !== current.phase ? `uppföljning besvarad, fas ${phase}` : 'uppföljning besvarad';
  return {
    ...current,
    benefits,
    phase,
    updatedAt: record.answeredAt,
    followUpState: { ...state, lastAnsweredPromptId: record.promptId, lastAnsweredAt: record.answeredAt, inOperationSince, lastUsedAsIntended: record.usedAsIntended },
    history: [...current.history, { at: record.answeredAt, by: record.answeredBy.name, change }],
  };
}
