import { StaleWriteError, type Stored } from '../storage/documentStore.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Initiative, Person } from './initiative.js';
import { NotOwnerError, STALE_EDIT_MESSAGE, type InitiativeRepository } from './initiativeRepository.js';
import { validateFinalReport, validatePhaseChange, type FieldErrors } from './validation.js';

export type InitiativeView =
  | { kind: 'detail'; initiative: Stored<Initiative>; errors: FieldErrors; message: string }
  | { kind: 'edit'; initiative: Stored<Initiative> }
  | { kind: 'none'; message: string };

const NOT_FOUND = 'Jag hittar inte den insatsen. Skriv "mina insatser" för att se dina insatser.';

function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * What an owner does with a registered initiative from "mina insatser": open it, move it
 * to another phase, close it with a final report, or start editing it (through the same
 * validated steps as registration). Every change is based on the version the card showed,
 * so an edit made meanwhile by someone else is never overwritten.
 */
export class MyInitiatives {
  constructor(
    private readonly repository: InitiativeRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  async act(owner: Person, raw: unknown): Promise<InitiativeView> {
    const data = asRecord(raw);
    const { op, id, etag } = data;
    if (typeof id !== 'string' || !id || id.length > 100) return { kind: 'none', message: NOT_FOUND };
    const current = await this.repository.get(id);
    if (!current) return { kind: 'none', message: NOT_FOUND };
    const registrant = current.value.registeredById === owner.id;
    if (current.value.ownerId !== owner.id && !registrant) return { kind: 'none', message: 'Bara den som äger insatsen kan öppna och ändra den här.' };
    if (op === 'open') return { kind: 'detail', initiative: current, errors: {}, message: current.value.ownerId === owner.id ? '' : 'Du har lämnat över insatsen; den nya ägaren ändrar den och får uppföljningarna.' };
    if (current.value.ownerId !== owner.id) return { kind: 'none', message: 'Bara den som äger insatsen kan ändra den.' };
    if (typeof etag !== 'string' || !etag) return { kind: 'detail', initiative: current, errors: {}, message: 'Kortet saknar version. Här är insatsen som den är nu.' };
    if (current.value.phase === 'avslutad') return { kind: 'detail', initiative: current, errors: {}, message: 'Insatsen är avslutad och kan inte ändras.' };
    try {
      if (op === 'phase') {
        const phase = validatePhaseChange(data);
        if (!phase.ok) return { kind: 'detail', initiative: current, errors: phase.errors, message: '' };
        const updated = await this.repository.update(id, etag, { phase: phase.value }, owner);
        return { kind: 'detail', initiative: updated, errors: {}, message: `Fasen är nu ${phase.value}.` };
      }
      if (op === 'close') {
        const report = validateFinalReport(data, this.clock.now().toISOString());
        if (!report.ok) return { kind: 'detail', initiative: current, errors: report.errors, message: '' };
        const closed = await this.repository.close(id, etag, report.value, owner);
        return { kind: 'detail', initiative: closed, errors: {}, message: 'Insatsen är avslutad. Tack för slutrapporten!' };
      }
      if (op === 'edit') {
        if (current.etag !== etag) throw new StaleWriteError(id);
        return { kind: 'edit', initiative: current };
      }
    } catch (error) {
      if (error instanceof StaleWriteError) {
        const fresh = await this.repository.get(id);
        return fresh ? { kind: 'detail', initiative: fresh, errors: {}, message: STALE_EDIT_MESSAGE } : { kind: 'none', message: NOT_FOUND };
      }
      if (error instanceof NotOwnerError) return { kind: 'none', message: 'Bara den som äger insatsen kan ändra den.' };
      throw error;
    }
    return { kind: 'detail', initiative: current, errors: {}, message: 'Kortet skickade ett val jag inte känner igen. Inget ändrades.' };
  }
}
