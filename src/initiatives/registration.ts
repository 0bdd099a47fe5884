import { randomUUID } from 'node:crypto';
import { StaleWriteError, type Collection, type DocumentStore, type StoredDocument } from '../storage/documentStore.js';
import type { Stored } from '../storage/documentStore.js';
import { PLAN_UNAVAILABLE_MESSAGE } from '../plan/planSource.js';
import { systemClock, type Clock } from '../time/clock.js';
import { MAX_BENEFITS, type Benefit, type Initiative, type Person } from './initiative.js';
import { NotOwnerError, STALE_EDIT_MESSAGE, type InitiativeRepository } from './initiativeRepository.js';
import {
  STEP_FIELDS,
  stepSubmission,
  validateAbout,
  validateBenefit,
  validateCosts,
  validatePhase,
  validatePlanLink,
  type FieldErrors,
  type InitiativeInput,
  type ValidationContext,
} from './validation.js';

/** A registration in progress: everything typed so far, kept as typed, step by step. */
export interface Draft extends StoredDocument {
  type: 'draft';
  /** pk = the owner's id: every turn reads and writes only the person's own partition. */
  ownerName: string;
  step: number;
  values: Record<string, string>;
  benefits: Benefit[];
  /**
   * 'confirming' is the decision: the one write (conditional on the draft's etag) that wins
   * between "Bekräfta" and any other press. The initiative is written after it, idempotently,
   * so a crash in between is completed by the next press or "fortsätt".
   */
  status: 'open' | 'confirming' | 'confirmed' | 'cancelled';
  initiativeId: string | null;
  organisation: string | null;
  /** Set when the draft edits a registered initiative: which one, and the version it started from. */
  editOf?: { id: string; etag: string } | null;
  createdAt: string;
  updatedAt: string;
}

interface ActivePointer extends StoredDocument {
  type: 'active-draft';
  draftId: string;
}

export const STEPS = ['about', 'plan', 'phase', 'benefit', 'costs'] as const;
export const SUMMARY_STEP = STEPS.length + 1;

export type RegistrationView =
  | { kind: 'step'; draft: Draft; errors: FieldErrors }
  | { kind: 'summary'; draft: Draft; input: InitiativeInput; similar: Initiative[]; errors: FieldErrors }
  | { kind: 'receipt'; initiative: Initiative; created: boolean; edited?: boolean }
  | { kind: 'none'; message: string };

const STALE_CARD = 'Det kortet var inte längre aktuellt, så inget ändrades. Här är steget du är på.';

/** Drafts nobody touches for this long are removed by the store (Cosmos ttl, seconds). */
const DRAFT_TTL_SECONDS = 90 * 24 * 3600;

/** Longer than any field may be, so validation still sees (and names) a too long value. */
const MAX_TYPED = 4000;

function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** What a person typed, as strings, limited so a hostile card cannot bloat the draft. */
function typed(data: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = data[f];
    if (typeof v === 'string') out[f] = v.slice(0, MAX_TYPED);
    else if (typeof v === 'number' || typeof v === 'boolean') out[f] = String(v);
  }
  return out;
}

/**
 * The guided registration of a förändringsinsats, independent of Teams: every submission is
 * validated on the server, saved as a draft (so nothing typed is lost, even across a
 * restart), checked against the step the draft is on (so a replayed or reordered card
 * changes nothing), and confirmed idempotently (so pressing an old button again never
 * registers twice).
 */
export class RegistrationService {
  private readonly drafts: Collection<Draft>;
  private readonly pointers: Collection<ActivePointer>;

  constructor(
    store: DocumentStore,
    private readonly initiatives: InitiativeRepository,
    private readonly ctx: ValidationContext,
    private readonly clock: Clock = systemClock,
  ) {
    this.drafts = store.collection<Draft>('state');
    this.pointers = store.collection<ActivePointer>('state');
  }

  /**
   * Starts a new draft, prefilled from a free-text description (and suggestions) when there
   * are any: only fields of the steps are taken, as text, to be checked like anything typed.
   */
  /** A deployment without a usable plan says so, instead of offering an empty Målområde list. */
  private planMissing(): RegistrationView | undefined {
    return this.ctx.plan.goalAreas.length === 0 ? { kind: 'none', message: PLAN_UNAVAILABLE_MESSAGE } : undefined;
  }

  async start(owner: Person, prefill: Record<string, string> = {}): Promise<RegistrationView> {
    const missing = this.planMissing();
    if (missing) return missing;
    const known = new Set<string>(Object.values(STEP_FIELDS).flat());
    const values = Object.fromEntries(Object.entries(prefill).filter(([k, v]) => known.has(k) && typeof v === 'string' && v.trim()).map(([k, v]) => [k, v.slice(0, MAX_TYPED)]));
    return this.openDraft(owner, values, [], null);
  }

  /** Starts editing a registered initiative: the same steps, filled in, the same checks. */
  async startEdit(owner: Person, initiative: Stored<Initiative>): Promise<RegistrationView> {
    const missing = this.planMissing();
    if (missing) return missing;
    const i = initiative.value;
    const values = {
      name: i.name,
      description: i.description,
      organisation: i.organisation,
      responsible: i.responsible,
      contact: i.contact,
      goalArea: String(i.goalArea),
      action: i.action ?? '',
      category: i.category,
      efficiencyInnovation: String(i.efficiencyInnovation),
      internalExternal: String(i.internalExternal),
      phase: i.phase,
      startDate: i.startDate,
      plannedEndDate: i.plannedEndDate,
      externalCostSek: String(i.externalCostSek),
      internalHours: String(i.internalHours),
      personalData: i.personalData,
      riskAssessment: i.riskAssessment,
      followUp: i.followUp,
      ownerId: i.ownerId,
    };
    return this.openDraft(owner, values, i.benefits, { id: i.id, etag: initiative.etag });
  }

  /** Creates a draft and makes it the person's active one. */
  private async openDraft(owner: Person, values: Record<string, string>, benefits: Benefit[], editOf: Draft['editOf']): Promise<RegistrationView> {
    const at = this.clock.now().toISOString();
    const draft: Draft = {
      id: randomUUID(),
      pk: owner.id,
      type: 'draft',
      ownerName: owner.name,
      step: 1,
      values,
      benefits,
      status: 'open',
      initiativeId: null,
      organisation: null,
      editOf,
      createdAt: at,
      updatedAt: at,
      ttl: DRAFT_TTL_SECONDS,
    };
    await this.drafts.create(draft);
    await this.pointers.upsert({ id: 'active', pk: owner.id, type: 'active-draft', draftId: draft.id, ttl: DRAFT_TTL_SECONDS });
    return { kind: 'step', draft, errors: {} };
  }

  /** The person's unfinished draft, where they left it ("fortsätt"). */
  async resume(owner: Person): Promise<RegistrationView> {
    const missing = this.planMissing();
    if (missing) return missing;
    const draft = await this.activeDraft(owner.id);
    if (!draft) return { kind: 'none', message: 'Du har ingen påbörjad registrering. Skriv "registrera insats" för att börja.' };
    if (draft.value.status === 'confirming') return this.complete(draft, owner);
    return this.view(draft.value, {});
  }

  async cancel(owner: Person): Promise<boolean> {
    const draft = await this.activeDraft(owner.id);
    if (!draft || draft.value.status !== 'open') return false;
    await this.drafts.replace({ ...draft.value, status: 'cancelled', updatedAt: this.clock.now().toISOString() }, draft.etag).catch(() => undefined);
    await this.pointers.delete(owner.id, 'active');
    return true;
  }

  private async activeDraft(ownerId: string): Promise<Stored<Draft> | undefined> {
    const pointer = await this.pointers.get(ownerId, 'active');
    if (!pointer) return undefined;
    const draft = await this.drafts.get(ownerId, pointer.value.draftId);
    return draft && (draft.value.status === 'open' || draft.value.status === 'confirming') ? draft : undefined;
  }

  /** Handles one card submission: back, next, add a benefit, or confirm. */
  async submit(owner: Person, raw: unknown): Promise<RegistrationView> {
    const card = asRecord(raw);
    const draftId = typeof card.draftId === 'string' ? card.draftId : '';
    const stored = draftId ? await this.drafts.get(owner.id, draftId) : undefined;
    if (!stored) return { kind: 'none', message: 'Jag hittar inte den registreringen. Skriv "registrera insats" för att börja en ny.' };
    const settled = await this.settled(stored, owner);
    if (settled) return settled;
    const draft = stored.value;
    const cardStep = typeof card.step === 'string' || typeof card.step === 'number' ? String(card.step) : '';
    if (cardStep !== String(draft.step)) return this.view(draft, { _form: STALE_CARD });
    const stepName = STEPS[draft.step - 1];
    const data = stepName ? stepSubmission(stepName, card) : card;

    const nav = data.nav;
    try {
      if (nav === 'back') return await this.save(stored, { ...draft, step: Math.max(1, draft.step - 1), values: { ...draft.values, ...this.typedFor(draft.step, data) } }, {});
      if (nav === 'confirm' && draft.step === SUMMARY_STEP) return await this.confirm(stored, owner);
      if (nav === 'next' || nav === 'addBenefit') return await this.advance(stored, data, nav === 'addBenefit');
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
      // Two presses at once: the first one counted; show where the draft is now.
      const fresh = await this.drafts.get(owner.id, draft.id);
      if (!fresh) return { kind: 'none', message: STALE_CARD };
      return (await this.settled(fresh, owner)) ?? this.view(fresh.value, { _form: STALE_CARD });
    }
    return this.view(draft, { _form: 'Kortet skickade en knapp jag inte känner igen. Inget ändrades.' });
  }

  /** A draft that is no longer open answers every press with where it ended, and changes nothing. */
  private async settled(stored: Stored<Draft>, owner: Person): Promise<RegistrationView | undefined> {
    const draft = stored.value;
    if (draft.status === 'confirming') return this.complete(stored, owner);
    if (draft.status === 'confirmed' && draft.initiativeId) {
      const done = await this.initiatives.get(draft.initiativeId);
      if (done) return { kind: 'receipt', initiative: done.value, created: false, edited: Boolean(draft.editOf) };
    }
    if (draft.status !== 'open') return { kind: 'none', message: 'Den registreringen är avslutad eller avbruten. Skriv "registrera insats" för att börja en ny.' };
    return undefined;
  }

  private typedFor(step: number, data: Record<string, unknown>): Record<string, string> {
    const name = STEPS[step - 1];
    return name ? typed(data, STEP_FIELDS[name]) : {};
  }

  private async advance(stored: Stored<Draft>, data: Record<string, unknown>, addAnother: boolean): Promise<RegistrationView> {
    const draft = stored.value;
    const values = { ...draft.values, ...this.typedFor(draft.step, data) };
    const errors = this.validateStep(draft.step, data, draft);
    let benefits = draft.benefits;
    if (STEPS[draft.step - 1] === 'benefit') {
      const empty = STEP_FIELDS.benefit.every((f) => !values[f]?.trim() || f === 'benefitCalculation');
      if (empty && benefits.length > 0 && !addAnother) {
        return this.save(stored, { ...draft, values, step: draft.step + 1 }, {});
      }
      if (benefits.length >= MAX_BENEFITS) return this.save(stored, { ...draft, values }, { _form: `En insats kan ha högst ${MAX_BENEFITS} nyttor. Gå vidare med Nästa.` });
      const benefit = validateBenefit(data);
      if (!benefit.ok) return this.save(stored, { ...draft, values }, benefit.errors);
      benefits = [...benefits, benefit.value];
      for (const f of STEP_FIELDS.benefit) delete values[f];
      return this.save(stored, { ...draft, values, benefits, step: addAnother ? draft.step : draft.step + 1 }, {});
    }
    if (Object.keys(errors).length) return this.save(stored, { ...draft, values }, errors);
    return this.save(stored, { ...draft, values, step: draft.step + 1 }, {});
  }

  private validateStep(step: number, data: Record<string, unknown>, draft: Draft): FieldErrors {
    switch (STEPS[step - 1]) {
      case 'about': {
        const errors = errorsOf(validateAbout(data, this.ctx));
        // Checked here already, not only at "Bekräfta": the person should not fill in four more steps first.
        const owner = typeof data.ownerId === 'string' ? data.ownerId.trim() : '';
        if (!errors.ownerId && owner && owner !== draft.pk && !OBJECT_ID.test(owner)) errors.ownerId = 'Ägare: välj en person i listan.';
        return errors;
      }
      case 'plan':
        return errorsOf(validatePlanLink(data, this.ctx));
      case 'phase':
        return errorsOf(validatePhase(data));
      case 'costs':
        return errorsOf(validateCosts(data));
      case 'benefit':
        return draft.benefits.length ? {} : errorsOf(validateBenefit(data));
      default:
        return {};
    }
  }

  /** Every step validated again from the draft: what gets stored is what was checked. */
  private inputOf(draft: Draft): { input?: InitiativeInput; errors: FieldErrors; step: number } {
    const v = draft.values;
    const about = validateAbout(pick(v, STEP_FIELDS.about), this.ctx);
    if (!about.ok) return { errors: about.errors, step: 1 };
    if (!ownerAllowed(draft)) return { errors: { ownerId: 'Ägare: välj en person i listan.' }, step: 1 };
    const plan = validatePlanLink(pick(v, STEP_FIELDS.plan), this.ctx);
    if (!plan.ok) return { errors: plan.errors, step: 2 };
    const phase = validatePhase(pick(v, STEP_FIELDS.phase));
    if (!phase.ok) return { errors: phase.errors, step: 3 };
    if (draft.benefits.length === 0) return { errors: { benefitDescription: 'Lägg till minst en nytta eller ett effektmål.' }, step: 4 };
    const costs = validateCosts(pick(v, STEP_FIELDS.costs));
    if (!costs.ok) return { errors: costs.errors, step: 5 };
    return { input: { ...about.value, ...plan.value, ...phase.value, benefits: draft.benefits, ...costs.value }, errors: {}, step: SUMMARY_STEP };
  }

  /**
   * "Bekräfta": the draft moves to 'confirming' with one write conditional on the version the
   * card showed. That write is the decision: a "Tillbaka" pressed at the same time fails on
   * the etag (and then sees the receipt), and a second "Bekräfta" does too.
   */
  private async confirm(stored: Stored<Draft>, owner: Person): Promise<RegistrationView> {
    const draft = stored.value;
    const { input, errors, step } = this.inputOf(draft);
    if (!input) return this.save(stored, { ...draft, step }, errors);
    const claimed = await this.drafts.replace({ ...draft, status: 'confirming', initiativeId: draft.editOf?.id ?? draft.id, updatedAt: this.clock.now().toISOString() }, stored.etag);
    return this.complete(claimed, owner);
  }

  /**
   * Writes what a 'confirming' draft decided, idempotently: registering is keyed on the draft's
   * id, an edit recognises its own earlier write. Then the draft is marked confirmed.
   */
  private async complete(stored: Stored<Draft>, owner: Person): Promise<RegistrationView> {
    const draft = stored.value;
    const { input } = this.inputOf(draft);
    if (!input) return this.reopen(stored, 'Något i registreringen behöver ändras innan den kan sparas.');
    let initiative: Initiative;
    let created = false;
    const ownerId = ownerOf(draft);
    if (draft.editOf) {
      try {
        initiative = (await this.initiatives.update(draft.editOf.id, draft.editOf.etag, input, owner, draft.id, ownerId)).value;
      } catch (error) {
        if (error instanceof StaleWriteError) return this.reopen(stored, `${STALE_EDIT_MESSAGE} Skriv "mina insatser" och öppna insatsen igen; det du skrev finns kvar med "fortsätt".`);
        if (error instanceof NotOwnerError) return this.reopen(stored, 'Bara den som äger insatsen kan ändra den.');
        throw error;
      }
    } else {
      ({ initiative: { value: initiative }, created } = await this.initiatives.register(draft.id, input, owner, ownerId));
    }
    await this.drafts
      .replace({ ...draft, status: 'confirmed', initiativeId: initiative.id, organisation: initiative.organisation, updatedAt: this.clock.now().toISOString() }, stored.etag)
      .catch((error: unknown) => {
        // Another press completed it at the same time: the same result is already written.
        if (!(error instanceof StaleWriteError)) throw error;
      });
    await this.pointers.delete(owner.id, 'active');
    return { kind: 'receipt', initiative, created, edited: Boolean(draft.editOf) };
  }

  /** A confirmation that could not be written: the draft is open again, nothing typed is lost. */
  private async reopen(stored: Stored<Draft>, message: string): Promise<RegistrationView> {
    await this.drafts.replace({ ...stored.value, status: 'open', updatedAt: this.clock.now().toISOString() }, stored.etag).catch((error: unknown) => {
      if (!(error instanceof StaleWriteError)) throw error;
    });
    return { kind: 'none', message };
  }

  private async save(stored: Stored<Draft>, next: Draft, errors: FieldErrors): Promise<RegistrationView> {
    const saved = await this.drafts.replace({ ...next, updatedAt: this.clock.now().toISOString() }, stored.etag);
    return this.view(saved.value, errors);
  }

  private async view(draft: Draft, errors: FieldErrors): Promise<RegistrationView> {
    if (draft.step >= SUMMARY_STEP) {
      const { input, errors: problems, step } = this.inputOf(draft);
      if (!input) return { kind: 'step', draft: { ...draft, step }, errors: problems };
      const similar = (await this.initiatives.similar(input.name, input.description, draft.id)).map((s) => s.initiative);
      return { kind: 'summary', draft, input, similar, errors };
    }
    return { kind: 'step', draft, errors };
  }
}

/** Entra object ids as Teams' people picker gives them. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Teams identity that is to own the initiative: picked, or the person registering. */
function ownerOf(draft: Draft): string {
  return draft.values.ownerId?.trim() || draft.pk;
}

/** Only the person themselves or a real Entra identity can be made owner, never a made-up id. */
function ownerAllowed(draft: Draft): boolean {
  const id = ownerOf(draft);
  return id === draft.pk || OBJECT_ID.test(id);
}

function errorsOf(result: { ok: true } | { ok: false; errors: FieldErrors }): FieldErrors {
  return result.ok ? {} : result.errors;
}

function pick(values: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}

const START = /^\s*(registrera|ny|lägg till|skapa)( en)? (digital )?(förändrings)?insats\b/i;
const DESCRIBES_CHANGE = /^\s*(vi|jag|förvaltningen|enheten|bolaget)\s+(ska|vill|kommer att|planerar att|har börjat|håller på att)\s+(införa|börja|starta|upphandla|bygga|ta fram|digitalisera|utveckla|byta)\b/i;

/** Reads what a message asks of the registration flow, if anything. */
export function registrationIntent(text: string): { kind: 'start'; prefill?: { name: string; description: string } } | { kind: 'resume' } | { kind: 'mine' } | { kind: 'cancel' } | undefined {
  const t = text.trim();
  if (START.test(t)) return { kind: 'start' };
  if (/^\s*(fortsätt|fortsatt)( registrering(en)?)?\s*[.!]?\s*$/i.test(t)) return { kind: 'resume' };
  if (/^\s*mina insatser\s*[.!?]?\s*$/i.test(t)) return { kind: 'mine' };
  if (/^\s*avbryt( registrering(en)?)?\s*[.!]?\s*$/i.test(t)) return { kind: 'cancel' };
  // "Jag ska starta ett projekt. Stämmer det att …?" asks about the documents: a question
  // mark makes a description a question, unless it asks to register.
  const asks = t.includes('?') && !/\bregistrer/i.test(t);
  if (DESCRIBES_CHANGE.test(t) && !asks && t.length <= 2000) {
    const words = t.replace(DESCRIBES_CHANGE, '').trim().replace(/[.!]+$/, '').split(/\s+/).slice(0, 8).join(' ');
    const name = words ? words.charAt(0).toUpperCase() + words.slice(1) : '';
    return { kind: 'start', prefill: { name, description: t } };
  }
  return undefined;
}
