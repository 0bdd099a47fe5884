import { z } from 'zod';
import type { PlanDefinition } from '../plan/planDefinition.js';
import { findAction } from '../plan/planDefinition.js';
import { amountField, choiceField, dateField, hasControlCharacters, numberField, parseCard, scaleField, textField, yesNoField, type FieldErrors, type Validated } from './cardFields.js';
import {
  ASSESSMENTS,
  CATEGORIES,
  GOALS_REACHED,
  FOLLOW_UP_FREQUENCIES,
  OPEN_PHASES,
  PERSONAL_DATA,
  PHASES,
  type Benefit,
  type FinalReport,
  type Initiative,
  type Phase,
} from './initiative.js';

export type { FieldErrors, Validated };

/** The fields a person fills in, step by step; everything else is set by the bot. */
export type InitiativeInput = Omit<
  Initiative,
  'id' | 'pk' | 'ttl' | 'type' | 'owner' | 'ownerId' | 'createdAt' | 'updatedAt' | 'history' | 'finalReport' | 'lastDraftId' | 'followUpState' | 'registeredById'
>;

export interface ValidationContext {
  plan: PlanDefinition;
  organisations: readonly string[];
}

export const STEP_FIELDS = {
  about: ['name', 'description', 'organisation', 'responsible', 'contact', 'ownerId'],
  plan: ['goalArea', 'action', 'category', 'efficiencyInnovation', 'internalExternal'],
  phase: ['phase', 'startDate', 'plannedEndDate'],
  benefit: ['benefitDescription', 'benefitForWhom', 'benefitIndicator', 'benefitBaseline', 'benefitTarget', 'benefitTargetDate', 'benefitOwner', 'benefitOwnerId', 'benefitCalculation'],
  costs: ['externalCostSek', 'internalHours', 'personalData', 'riskAssessment', 'followUp'],
} as const;

export type Step = keyof typeof STEP_FIELDS;

/**
 * The id a step's card gives a field's input: "plan.category". Ids differ from step to
 * step, so a client that keeps an input's state by id across an in-place update can never
 * carry one step's list or value into the next.
 */
export function stepInputId(step: Step, field: string): string {
  return `${step}.${field}`;
}

/**
 * A step card's submission under the field names the checks use: "plan.category" becomes
 * "category". Another step's ids keep their names, so the check reports them as not
 * belonging here. Plain field names are still read, as cards sent by earlier versions
 * have them; everything is validated the same way either way.
 */
export function stepSubmission(step: Step, data: Record<string, unknown>): Record<string, unknown> {
  const fields: readonly string[] = STEP_FIELDS[step];
  // A Map, then fromEntries: a key such as "__proto__" stays a plain (unknown) field.
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(data)) {
    const field = key.startsWith(`${step}.`) ? key.slice(step.length + 1) : undefined;
    if (field && fields.includes(field)) out.set(field, value);
    else if (!out.has(key)) out.set(key, value);
  }
  return Object.fromEntries(out);
}

/** The Teams identity picked as owner: checked for shape here, for who it may be in registration. */
const ownerIdField = z.unknown().superRefine((raw, ctx) => {
  if (raw === undefined || raw === '') return;
  if (typeof raw !== 'string' || raw.length > 200 || hasControlCharacters(raw)) ctx.addIssue({ code: 'custom', message: 'Ägare: välj en person i listan.' });
});

/** Step 1: what it is and whose. */
export function validateAbout(data: unknown, ctx: ValidationContext): Validated<Pick<InitiativeInput, 'name' | 'description' | 'organisation' | 'responsible' | 'contact'>> {
  const schema = z
    .object({
      name: textField('Namn', { min: 3, max: 120 }),
      description: textField('Beskrivning', { min: 10, max: 2000 }),
      organisation: choiceField('Förvaltning eller bolag', ctx.organisations),
      responsible: textField('Ägare', { max: 200, required: false }),
      contact: textField('Kontakt', { max: 200, required: false }),
      ownerId: ownerIdField,
    })
    .transform(({ name, description, organisation, responsible, contact }) => ({ name, description, organisation, responsible, contact }));
  return parseCard(schema, data, STEP_FIELDS.about);
}

/** Step 2: the link to the plan; an insats must be the plan's and belong to the målområde chosen. */
export function validatePlanLink(
  data: unknown,
  ctx: ValidationContext,
): Validated<Pick<InitiativeInput, 'goalArea' | 'action' | 'category' | 'efficiencyInnovation' | 'internalExternal'>> {
  const goalArea = numberField('Målområde', { min: 1, max: 99 }).superRefine((n, c) => {
    if (!ctx.plan.goalAreas.some((a) => a.number === n)) c.addIssue({ code: 'custom', message: 'Målområde: välj ett av planens målområden.' });
  });
  const action = z.unknown().transform((raw, c) => {
    if (raw === undefined || raw === null || raw === '') return null;
    const found = typeof raw === 'string' && raw.trim() ? findAction(ctx.plan, raw) : undefined;
    if (!found) {
      c.addIssue({ code: 'custom', message: 'Insats: välj en av planens insatser, eller ingen.' });
      return null;
    }
    return found;
  });
  const schema = z
    .object({
      goalArea,
      action,
      category: choiceField('Kategori', CATEGORIES),
      efficiencyInnovation: scaleField('Effektivitet–innovation'),
      internalExternal: scaleField('Intern–extern nytta'),
    })
    .superRefine((v, c) => {
      if (v.action && v.action.area.number !== v.goalArea) {
        c.addIssue({ code: 'custom', path: ['action'], message: `Insats ${v.action.action.code} hör till målområde ${v.action.area.number}, inte ${v.goalArea}.` });
      }
    })
    .transform((v) => ({ ...v, action: v.action?.action.code ?? null }));
  return parseCard(schema, data, STEP_FIELDS.plan);
}

/** Step 3: phase and dates; the end cannot come before the start; closing is not a phase to pick. */
export function validatePhase(data: unknown): Validated<Pick<InitiativeInput, 'phase' | 'startDate' | 'plannedEndDate'>> {
  const schema = z
    .object({
      phase: choiceField('Fas', OPEN_PHASES),
      startDate: dateField('Startdatum'),
      plannedEndDate: dateField('Planerat slutdatum'),
    })
    .superRefine((v, c) => {
      if (v.startDate && v.plannedEndDate && v.plannedEndDate < v.startDate) {
        c.addIssue({ code: 'custom', path: ['plannedEndDate'], message: 'Planerat slutdatum kan inte ligga före startdatum.' });
      }
    });
  return parseCard(schema, data, STEP_FIELDS.phase);
}

const benefitSchema = z
  .object({
    benefitDescription: textField('Vad förändras', { min: 5, max: 500 }),
    benefitForWhom: textField('För vem', { max: 200, required: false }),
    benefitIndicator: textField('Indikator', { max: 200, required: false }),
    benefitBaseline: textField('Utgångsvärde', { max: 100, required: false }),
    benefitTarget: textField('Målvärde', { max: 100, required: false }),
    benefitTargetDate: dateField('Måldatum'),
    benefitOwner: textField('Nyttoägare', { max: 120, required: false }),
    benefitOwnerId: textField('Nyttoägare i Teams', { max: 200, required: false }),
    benefitCalculation: yesNoField('Nyttokalkyl'),
  })
  .transform(
    (v): Benefit => ({
      description: v.benefitDescription,
      forWhom: v.benefitForWhom,
      indicator: v.benefitIndicator,
      baseline: v.benefitBaseline,
      target: v.benefitTarget,
      targetDate: v.benefitTargetDate,
      owner: v.benefitOwner,
      ...(v.benefitOwnerId ? { ownerId: v.benefitOwnerId } : {}),
      hasBenefitCalculation: v.benefitCalculation,
    }),
  );

/** Step 4: one planned benefit with indicator, baseline, target and date. */
export function validateBenefit(data: unknown): Validated<Benefit> {
  return parseCard(benefitSchema, data, STEP_FIELDS.benefit);
}

const costsSchema = z.object({
  externalCostSek: amountField('Extern kostnad', 'kr', { max: 10_000_000_000 }),
  internalHours: amountField('Egen arbetstid', 'timmar', { max: 10_000_000 }),
  personalData: choiceField('Personuppgifter', PERSONAL_DATA),
  riskAssessment: choiceField('Risk- och konsekvensbedömning', ASSESSMENTS),
  followUp: choiceField('Uppföljning', FOLLOW_UP_FREQUENCIES),
});

/** Step 5: costs (external SEK and internal hours, apart), security and follow-up. */
export function validateCosts(data: unknown): Validated<Pick<InitiativeInput, 'externalCostSek' | 'internalHours' | 'personalData' | 'riskAssessment' | 'followUp'>> {
  return parseCard(costsSchema, data, STEP_FIELDS.costs);
}

const phaseChangeSchema = z
  .object({ newPhase: choiceField('Fas', PHASES) })
  .superRefine((v, c) => {
    if (v.newPhase === 'avslutad') c.addIssue({ code: 'custom', path: ['newPhase'], message: 'Avsluta insatsen med slutrapporten, så att resultatet kommer med.' });
  })
  .transform((v): Phase => v.newPhase);

/** A move to another phase; closing has its own form with a final report. */
export function validatePhaseChange(data: unknown): Validated<Phase> {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return parseCard(phaseChangeSchema, { newPhase: d.newPhase }, ['newPhase']);
}

/** The final report: were the goals reached, actual cost and hours, a short comment. */
export function validateFinalReport(data: unknown, closedAt: string): Validated<FinalReport> {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const schema = z
    .object({
      goalsReached: choiceField('Nåddes effektmålen', GOALS_REACHED),
      actualCostSek: amountField('Verklig extern kostnad', 'kr', { max: 10_000_000_000 }),
      actualHours: amountField('Verklig egen arbetstid', 'timmar', { max: 10_000_000 }),
      comment: textField('Kommentar', { max: 2000, required: false }),
    })
    .transform((v): FinalReport => ({ ...v, closedAt }));
  const fields = ['goalsReached', 'actualCostSek', 'actualHours', 'comment'];
  return parseCard(schema, Object.fromEntries(fields.map((f) => [f, d[f]])), fields);
}
