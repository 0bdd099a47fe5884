import { stem, isContentToken } from '../knowledge/analyzer.js';
import { tokenize } from '../knowledge/text/tokenize.js';
import { ConflictError, StaleWriteError, type Collection, type DocumentStore, type Stored } from '../storage/documentStore.js';
import { systemClock, type Clock } from '../time/clock.js';
import { EMPTY_FOLLOW_UP_STATE, FIELD_LABELS, MAX_HISTORY, type FinalReport, type HistoryEntry, type Initiative, type Person } from './initiative.js';
import type { InitiativeInput } from './validation.js';

/** Someone else's initiative: it can be read, not changed. */
export class NotOwnerError extends Error {
  constructor() {
    super('Insatsen tillhör någon annan');
    this.name = 'NotOwnerError';
  }
}

export { StaleWriteError };

/** The Swedish message for a stale edit, as the registration issue words it. */
export const STALE_EDIT_MESSAGE = 'Någon annan har ändrat insatsen, ladda om.';

function contentTerms(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => isContentToken(t)).map(stem));
}

/** History grows with every change; the oldest entries go first once it is long. */
function withHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...history, entry].slice(-MAX_HISTORY);
}

/** What changed, in words a person reads ("fas, budget"), never field names. */
export function describeChanges(before: Initiative, changes: Partial<InitiativeInput>): string {
  // Only labelled fields, in the order of the form: a code name never reaches the history.
  const fields = Object.keys(FIELD_LABELS) as (keyof InitiativeInput)[];
  const changed = fields.filter((k) => k in changes && JSON.stringify(before[k]) !== JSON.stringify(changes[k]));
  return changed.length ? `ändrade ${changed.map((k) => FIELD_LABELS[k]).join(', ')}` : 'sparade utan ändringar';
}

/**
 * Registered initiatives. Each is its own partition (pk = id), so an id is unique across
 * organisations and every change, moving it to another organisation included, is one
 * conditional write of one document. Registration is idempotent on the id (the draft's
 * id); edits need the version they were based on (ETag) and the owner.
 */
export class InitiativeRepository {
  private readonly collection: Collection<Initiative>;

  /** Called after every change an owner makes (the follow-up plans the next prompt from it). */
  onChange: (initiative: Initiative) => Promise<void> = () => Promise.resolve();

  constructor(
    store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.collection = store.collection<Initiative>('initiatives');
  }

  /**
   * Earlier versions partitioned initiatives by organisation. Moves any such document to its
   * own partition (create there, then delete the old one); safe to run at every start and
   * from several instances at once.
   */
  async migratePartitions(): Promise<number> {
    let moved = 0;
    for (const s of await this.collection.query(undefined)) {
      if (s.value.pk === s.value.id) continue;
      try {
        await this.collection.create({ ...s.value, pk: s.value.id });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      await this.collection.delete(s.value.pk, s.value.id);
      moved++;
    }
    return moved;
  }

  /**
   * Stores a new initiative, or returns the one already stored under this id by this
   * registrant. `ownerId` (a Teams identity from the people picker) owns it: edits it and gets
   * its follow-ups; by default the one who registers it.
   */
  async register(id: string, input: InitiativeInput, registrant: Person, ownerId: string = registrant.id): Promise<{ initiative: Stored<Initiative>; created: boolean }> {
    const at = this.clock.now().toISOString();
    const owner = ownerId === registrant.id ? registrant : { id: ownerId, name: input.responsible };
    const initiative: Initiative = {
      ...input,
      id,
      pk: id,
      type: 'initiative',
      owner,
      ownerId: owner.id,
      registeredById: registrant.id,
      createdAt: at,
      updatedAt: at,
      history: [{ at, by: registrant.name, change: owner.id === registrant.id ? 'registrerad' : 'registrerad och överlämnad till en annan ägare' }],
      lastDraftId: id,
    };
    try {
      const created = await this.collection.create(initiative);
      await this.onChange(created.value);
      return { initiative: created, created: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const existing = await this.collection.get(id, id);
      if (!existing || (existing.value.registeredById ?? existing.value.ownerId) !== registrant.id) throw error;
      return { initiative: existing, created: false };
    }
  }

  get(id: string): Promise<Stored<Initiative> | undefined> {
    return this.collection.get(id, id);
  }

  /** "mina insatser": what the person owns, and what they registered and handed over, most recently changed first. */
  async forOwner(personId: string): Promise<Stored<Initiative>[]> {
    const order = { field: 'updatedAt', direction: 'desc' } as const;
    const [owned, registered] = await Promise.all([
      this.collection.query(undefined, { where: { ownerId: personId }, orderBy: order }),
      this.collection.query(undefined, { where: { registeredById: personId }, orderBy: order }),
    ]);
    const seen = new Set(owned.map((s) => s.value.id));
    return [...owned, ...registered.filter((s) => !seen.has(s.value.id))].sort((a, b) => b.value.updatedAt.localeCompare(a.value.updatedAt));
  }

  async all(): Promise<Initiative[]> {
    return (await this.collection.query(undefined, { orderBy: { field: 'createdAt', direction: 'asc' } })).map((s) => s.value);
  }

  /**
   * Changes an initiative on behalf of its owner, based on the version `etag`. Throws
   * NotOwnerError for anyone else and StaleWriteError when someone changed it in between.
   * With `draftId` (an edit confirmed from the registration steps) a repeat of the same
   * confirmation returns the version it already wrote instead of failing.
   */
  async update(id: string, etag: string, changes: Partial<InitiativeInput>, by: Person, draftId?: string, newOwnerId?: string): Promise<Stored<Initiative>> {
    const current = await this.collection.get(id, id);
    if (!current) throw new StaleWriteError(id);
    if (current.value.ownerId !== by.id) throw new NotOwnerError();
    if (draftId && current.value.lastDraftId === draftId) return current;
    if (current.etag !== etag) throw new StaleWriteError(id);
    const at = this.clock.now().toISOString();
    const intoOperation = changes.phase === 'i drift/förvaltning' && current.value.phase !== 'i drift/förvaltning';
    // Handing over moves edit rights and follow-ups to the new owner; the history says so.
    const handover = newOwnerId !== undefined && newOwnerId !== current.value.ownerId;
    const change = [describeChanges(current.value, changes), ...(handover ? ['överlämnad till en ny ägare'] : [])].filter((c) => c !== 'sparade utan ändringar' || !handover).join('; ');
    const next: Initiative = {
      ...current.value,
      ...changes,
      ...(handover ? { owner: { id: newOwnerId, name: changes.responsible ?? current.value.responsible }, ownerId: newOwnerId, registeredById: current.value.registeredById ?? current.value.ownerId } : {}),
      updatedAt: at,
      history: withHistory(current.value.history, { at, by: by.name, change }),
      ...(draftId ? { lastDraftId: draftId } : {}),
      // The follow-up asks once after an initiative goes into operation, counted from now.
      ...(intoOperation ? { followUpState: { ...EMPTY_FOLLOW_UP_STATE, ...current.value.followUpState, inOperationSince: at } } : {}),
    };
    try {
      const saved = await this.collection.replace(next, etag);
      await this.onChange(saved.value);
      return saved;
    } catch (error) {
      // The same confirmation, pressed twice at once: the other press wrote it.
      if (!(error instanceof StaleWriteError) || !draftId) throw error;
      const now = await this.collection.get(id, id);
      if (now?.value.lastDraftId === draftId) return now;
      throw error;
    }
  }

  /**
   * A change the bot makes itself (a follow-up answer, a planned prompt): read, change,
   * write on that version, and again if someone changed it in between. `change` returns the
   * new version, or undefined when there is nothing to do.
   */
  async mutate(id: string, change: (current: Initiative) => Initiative | undefined, attempts = 5): Promise<Stored<Initiative> | undefined> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.collection.get(id, id);
      if (!current) return undefined;
      const next = change(current.value);
      if (!next) return current;
      try {
        return await this.collection.replace({ ...next, history: next.history.slice(-MAX_HISTORY) }, current.etag);
      } catch (error) {
        if (!(error instanceof StaleWriteError) || attempt + 1 >= attempts) throw error;
      }
    }
  }

  /** Closes an initiative with its final report: phase "avslutad", result kept. */
  async close(id: string, etag: string, report: FinalReport, by: Person): Promise<Stored<Initiative>> {
    const current = await this.collection.get(id, id);
    if (!current) throw new StaleWriteError(id);
    if (current.value.ownerId !== by.id) throw new NotOwnerError();
    if (current.etag !== etag) throw new StaleWriteError(id);
    const at = this.clock.now().toISOString();
    const closed = await this.collection.replace(
      {
        ...current.value,
        phase: 'avslutad',
        finalReport: report,
        updatedAt: at,
        history: withHistory(current.value.history, { at, by: by.name, change: `avslutad (mål nådda: ${report.goalsReached})` }),
      },
      etag,
    );
    await this.onChange(closed.value);
    return closed;
  }

  /**
   * Up to three initiatives that look like the described one (shared words in name and
   * description), so a department can find that another is already doing the same thing.
   */
  async similar(name: string, description: string, excludeId?: string, limit = 3): Promise<{ initiative: Initiative; score: number }[]> {
    const wanted = contentTerms(`${name} ${description}`);
    if (wanted.size === 0) return [];
    const scored = (await this.all())
      .filter((i) => i.id !== excludeId)
      .map((initiative) => {
        const terms = contentTerms(`${initiative.name} ${initiative.description}`);
        let shared = 0;
        for (const t of wanted) if (terms.has(t)) shared++;
        return { initiative, score: shared / (wanted.size + terms.size - shared) };
      })
      .filter((s) => s.score >= 0.15);
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
