import { stem, isContentToken } from '../knowledge/analyzer.js';
import { tokenize } from '../knowledge/text/tokenize.js';
import { ConflictError, StaleWriteError, type Collection, type DocumentStore, type Stored } from '../storage/documentStore.js';
import type { FinalReport, Initiative, Person } from './initiative.js';
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
  return new Set(tokenize(text).filter(isContentToken).map(stem));
}

/**
 * Registered initiatives, partitioned by organisation (see documentStore.ts). Registration
 * is idempotent on the id (the draft's id), so a replayed confirm never creates a second
 * initiative; edits need the version they were based on (ETag) and the owner.
 */
export class InitiativeRepository {
  private readonly collection: Collection<Initiative>;

  constructor(store: DocumentStore, private readonly now: () => Date = () => new Date()) {
    this.collection = store.collection<Initiative>('initiatives');
  }

  /** Stores a new initiative, or returns the one already stored under this id by this owner. */
  async register(id: string, input: InitiativeInput, owner: Person): Promise<{ initiative: Stored<Initiative>; created: boolean }> {
    const at = this.now().toISOString();
    const initiative: Initiative = {
      ...input,
      id,
      pk: input.organisation,
      type: 'initiative',
      owner,
      ownerId: owner.id,
      createdAt: at,
      updatedAt: at,
      history: [{ at, by: owner.name, change: 'registrerad' }],
    };
    try {
      return { initiative: await this.collection.create(initiative), created: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const existing = await this.collection.get(initiative.pk, id);
      if (!existing || existing.value.ownerId !== owner.id) throw error;
      return { initiative: existing, created: false };
    }
  }

  get(organisation: string, id: string): Promise<Stored<Initiative> | undefined> {
    return this.collection.get(organisation, id);
  }

  /** "mina insatser": the person's initiatives, most recently changed first. */
  async forOwner(ownerId: string): Promise<Stored<Initiative>[]> {
    return this.collection.query(undefined, { where: { ownerId }, orderBy: { field: 'updatedAt', direction: 'desc' } });
  }

  async all(): Promise<Initiative[]> {
    return (await this.collection.query(undefined, { orderBy: { field: 'createdAt', direction: 'asc' } })).map((s) => s.value);
  }

  /**
   * Changes an initiative on behalf of its owner, based on the version `etag`. Throws
   * NotOwnerError for anyone else and StaleWriteError when someone changed it in between.
   */
  async update(organisation: string, id: string, etag: string, changes: Partial<InitiativeInput>, by: Person): Promise<Stored<Initiative>> {
    const current = await this.collection.get(organisation, id);
    if (!current) throw new StaleWriteError(id);
    if (current.value.ownerId !== by.id) throw new NotOwnerError();
    if (current.etag !== etag) throw new StaleWriteError(id);
    const changed = Object.keys(changes).filter((k) => JSON.stringify((current.value as unknown as Record<string, unknown>)[k]) !== JSON.stringify((changes as Record<string, unknown>)[k]));
    const at = this.now().toISOString();
    const next: Initiative = {
      ...current.value,
      ...changes,
      updatedAt: at,
      history: [...current.value.history, { at, by: by.name, change: changed.length ? `ändrade ${changed.join(', ')}` : 'sparade utan ändringar' }],
    };
    if (changes.organisation && changes.organisation !== organisation) {
      // A new organisation is a new partition: create there, then remove the old one.
      await this.collection.create({ ...next, pk: changes.organisation });
      await this.collection.delete(organisation, id, etag);
      const moved = await this.collection.get(changes.organisation, id);
      if (!moved) throw new StaleWriteError(id);
      return moved;
    }
    return this.collection.replace(next, etag);
  }

  /** Closes an initiative with its final report: phase "avslutad", result kept. */
  async close(organisation: string, id: string, etag: string, report: FinalReport, by: Person): Promise<Stored<Initiative>> {
    const current = await this.collection.get(organisation, id);
    if (!current) throw new StaleWriteError(id);
    if (current.value.ownerId !== by.id) throw new NotOwnerError();
    if (current.etag !== etag) throw new StaleWriteError(id);
    const at = this.now().toISOString();
    return this.collection.replace(
      {
        ...current.value,
        phase: 'avslutad',
        finalReport: report,
        updatedAt: at,
        history: [...current.value.history, { at, by: by.name, change: `avslutad (mål nådda: ${report.goalsReached})` }],
      },
      etag,
    );
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
