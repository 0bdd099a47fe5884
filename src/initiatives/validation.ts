import type { PlanDefinition } from '../plan/planDefinition.js';
import { findAction } from '../plan/planDefinition.js';
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

/** The fields a person fills in, step by step; everything else is set by the bot. */
export type InitiativeInput = Omit<Initiative, 'id' | 'pk' | 'ttl' | 'type' | 'owner' | 'ownerId' | 'createdAt' | 'updatedAt' | 'history' | 'finalReport' | 'lastDraftId' | 'followUpState' | 'registeredById'>;

export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface ValidationContext {
  plan: PlanDefinition;
  organisations: readonly string[];
}

/** Card fields the bot itself adds; never an error, never stored. */
const META_FIELDS = new Set(['verb', 'step', 'draftId', 'action', 'msteams', 'etag', 'initiativeId', 'nav']);

/** Control characters other than tab and line breaks: never part of what a person types. */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

function text(raw: unknown, field: string, label: string, errors: FieldErrors, opts: { min?: number; max: number; required?: boolean }): string {
  const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw.trim() : undefined;
  if (value === undefined) {
    errors[field] = `${label} måste vara text.`;
    return '';
  }
  if (!value && opts.required !== false) {
    errors[field] = `Fyll i ${label.toLowerCase()}.`;
    return '';
  }
  if (value.length > opts.max) errors[field] = `${label} får vara högst ${opts.max.toLocaleString('sv-SE')} tecken (nu ${value.length.toLocaleString('sv-SE')}).`;
  else if (opts.min !== undefined && value && value.length < opts.min) errors[field] = `${label} behöver minst ${opts.min} tecken.`;
  else if (hasControlCharacters(value)) errors[field] = `${label} innehåller tecken som inte är tillåtna.`;
  return value;
}

function choice<T extends string>(raw: unknown, field: string, label: string, options: readonly T[], errors: FieldErrors): T {
  if (typeof raw !== 'string' || !raw.trim()) {
    errors[field] = `Välj ${label.toLowerCase()}.`;
    return options[0] as T;
  }
  const found = options.find((o) => o === raw.trim());
  if (!found) errors[field] = `${label}: välj ett av alternativen i listan.`;
  return found ?? (options[0] as T);
}

function number(raw: unknown, field: string, label: string, errors: FieldErrors, opts: { min: number; max: number; integer?: boolean }): number {
  const source = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  const cleaned = source.replace(/[\s\u00A0]/g, '').replace(',', '.');
  if (!cleaned) {
    errors[field] = `Fyll i ${label.toLowerCase()} (0 om inget).`;
    return 0;
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value) || !/^-?\d+(\.\d+)?$/.test(cleaned)) errors[field] = `${label} måste vara ett tal.`;
  else if (value < opts.min) errors[field] = `${label} kan inte vara negativ.`;
  else if (value > opts.max) errors[field] = `${label} är orimligt stor (högst ${opts.max.toLocaleString('sv-SE')}).`;
  else if (opts.integer && !Number.isInteger(value)) errors[field] = `${label} anges i hela tal.`;
  return Number.isFinite(value) ? value : 0;
}

function date(raw: unknown, field: string, label: string, errors: FieldErrors): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) {
    errors[field] = `Ange ${label.toLowerCase()}.`;
    return '';
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    errors[field] = `${label} ska vara ett datum (ÅÅÅÅ-MM-DD).`;
    return '';
  }
  if (value < '2000-01-01' || value > '2100-12-31') errors[field] = `${label} ligger utanför rimliga år.`;
  return value;
}

function scale(raw: unknown, field: string, label: string, errors: FieldErrors): number {
  const value = number(raw, field, label, errors, { min: 1, max: 5, integer: true });
  if (!errors[field] && value < 1) errors[field] = `${label}: välj 1–5.`;
  return value;
}

function unknownFields(data: Record<string, unknown>, allowed: readonly string[], errors: FieldErrors): void {
  const extra = Object.keys(data).filter((k) => !allowed.includes(k) && !META_FIELDS.has(k));
  if (extra.length) errors._form = `Kortet skickade fält jag inte känner igen (${extra.slice(0, 3).join(', ')}). Inget sparades från dem.`;
}

function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

export const STEP_FIELDS = {
  about: ['name', 'description', 'organisation', 'responsible', 'contact', 'ownerId'],
  plan: ['goalArea', 'action', 'category', 'efficiencyInnovation', 'internalExternal'],
  phase: ['phase', 'startDate', 'plannedEndDate'],
  benefit: ['benefitDescription', 'benefitForWhom', 'benefitIndicator', 'benefitBaseline', 'benefitTarget', 'benefitTargetDate', 'benefitOwner', 'benefitCalculation'],
  costs: ['externalCostSek', 'internalHours', 'personalData', 'riskAssessment', 'followUp'],
} as const;

export type Step = keyof typeof STEP_FIELDS;

/** Step 1: what it is and whose. */
export function validateAbout(data: unknown, ctx: ValidationContext): Validated<Pick<InitiativeInput, 'name' | 'description' | 'organisation' | 'responsible' | 'contact'>> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  unknownFields(d, STEP_FIELDS.about, errors);
  const value = {
    name: text(d.name, 'name', 'Namn', errors, { min: 3, max: 120 }),
    description: text(d.description, 'description', 'Beskrivning', errors, { min: 10, max: 2000 }),
    organisation: choice(d.organisation, 'organisation', 'Förvaltning eller bolag', ctx.organisations, errors),
    responsible: text(d.responsible, 'responsible', 'Ägare', errors, { max: 200, required: false }),
    contact: text(d.contact, 'contact', 'Kontakt', errors, { max: 200, required: false }),
  };
  if (d.ownerId !== undefined && d.ownerId !== '' && (typeof d.ownerId !== 'string' || d.ownerId.length > 200 || hasControlCharacters(d.ownerId))) {
    errors.ownerId = 'Ägare: välj en person i listan.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Step 2: the link to the plan. */
export function validatePlanLink(
  data: unknown,
  ctx: ValidationContext,
): Validated<Pick<InitiativeInput, 'goalArea' | 'action' | 'category' | 'efficiencyInnovation' | 'internalExternal'>> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  unknownFields(d, STEP_FIELDS.plan, errors);
  const goalArea = number(d.goalArea, 'goalArea', 'Målområde', errors, { min: 1, max: 99, integer: true });
  if (!errors.goalArea && !ctx.plan.goalAreas.some((a) => a.number === goalArea)) errors.goalArea = 'Målområde: välj ett av planens målområden.';
  let action: string | null = null;
  if (typeof d.action === 'string' && d.action.trim()) {
    const found = findAction(ctx.plan, d.action);
    if (!found) errors.action = 'Insats: välj en av planens insatser, eller ingen.';
    else if (found.area.number !== goalArea) errors.action = `Insats ${found.action.code} hör till målområde ${found.area.number}, inte ${goalArea}.`;
    else action = found.action.code;
  } else if (d.action !== undefined && d.action !== null && d.action !== '') {
    errors.action = 'Insats: välj en av planens insatser, eller ingen.';
  }
  const value = {
    goalArea,
    action,
    category: choice(d.category, 'category', 'Kategori', CATEGORIES, errors),
    efficiencyInnovation: scale(d.efficiencyInnovation, 'efficiencyInnovation', 'Effektivitet–innovation', errors),
    internalExternal: scale(d.internalExternal, 'internalExternal', 'Intern–extern nytta', errors),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Step 3: phase and dates; the end cannot come before the start. */
export function validatePhase(data: unknown): Validated<Pick<InitiativeInput, 'phase' | 'startDate' | 'plannedEndDate'>> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  unknownFields(d, STEP_FIELDS.phase, errors);
  const value = {
    phase: choice(d.phase, 'phase', 'Fas', OPEN_PHASES, errors),
    startDate: date(d.startDate, 'startDate', 'Startdatum', errors),
    plannedEndDate: date(d.plannedEndDate, 'plannedEndDate', 'Planerat slutdatum', errors),
  };
  if (!errors.startDate && !errors.plannedEndDate && value.plannedEndDate < value.startDate) {
    errors.plannedEndDate = 'Planerat slutdatum kan inte ligga före startdatum.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Step 4: one planned benefit with indicator, baseline, target and date. */
export function validateBenefit(data: unknown): Validated<Benefit> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  unknownFields(d, STEP_FIELDS.benefit, errors);
  const value: Benefit = {
    description: text(d.benefitDescription, 'benefitDescription', 'Vad förändras', errors, { min: 5, max: 500 }),
    forWhom: text(d.benefitForWhom, 'benefitForWhom', 'För vem', errors, { max: 200, required: false }),
    indicator: text(d.benefitIndicator, 'benefitIndicator', 'Indikator', errors, { max: 200, required: false }),
    baseline: text(d.benefitBaseline, 'benefitBaseline', 'Utgångsvärde', errors, { max: 100, required: false }),
    target: text(d.benefitTarget, 'benefitTarget', 'Målvärde', errors, { max: 100, required: false }),
    targetDate: date(d.benefitTargetDate, 'benefitTargetDate', 'Måldatum', errors),
    owner: text(d.benefitOwner, 'benefitOwner', 'Nyttoägare', errors, { max: 120, required: false }),
    hasBenefitCalculation: d.benefitCalculation === true || d.benefitCalculation === 'true',
  };
  if (d.benefitCalculation !== undefined && !['true', 'false', true, false].includes(d.benefitCalculation as string | boolean)) {
    errors.benefitCalculation = 'Nyttokalkyl: svara ja eller nej.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Step 5: costs (external SEK and internal hours, apart), security and follow-up. */
export function validateCosts(
  data: unknown,
): Validated<Pick<InitiativeInput, 'externalCostSek' | 'internalHours' | 'personalData' | 'riskAssessment' | 'followUp'>> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  unknownFields(d, STEP_FIELDS.costs, errors);
  const value = {
    externalCostSek: number(d.externalCostSek, 'externalCostSek', 'Extern kostnad (kr)', errors, { min: 0, max: 10_000_000_000, integer: true }),
    internalHours: number(d.internalHours, 'internalHours', 'Interna timmar', errors, { min: 0, max: 10_000_000 }),
    personalData: choice(d.personalData, 'personalData', 'Personuppgifter', PERSONAL_DATA, errors),
    riskAssessment: choice(d.riskAssessment, 'riskAssessment', 'Risk- och konsekvensbedömning', ASSESSMENTS, errors),
    followUp: choice(d.followUp, 'followUp', 'Uppföljning', FOLLOW_UP_FREQUENCIES, errors),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** A move to another phase; closing has its own form with a final report. */
export function validatePhaseChange(data: unknown): Validated<Phase> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  const phase = choice(d.newPhase, 'newPhase', 'Fas', PHASES, errors);
  if (!errors.newPhase && phase === 'avslutad') errors.newPhase = 'Avsluta insatsen med slutrapporten, så att resultatet kommer med.';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: phase };
}

/** The final report: were the goals reached, actual cost and hours, a short comment. */
export function validateFinalReport(data: unknown, closedAt: string): Validated<FinalReport> {
  const d = asRecord(data);
  const errors: FieldErrors = {};
  const value: FinalReport = {
    goalsReached: choice(d.goalsReached, 'goalsReached', 'Nåddes målen', GOALS_REACHED, errors),
    actualCostSek: number(d.actualCostSek, 'actualCostSek', 'Verklig extern kostnad (kr)', errors, { min: 0, max: 10_000_000_000, integer: true }),
    actualHours: number(d.actualHours, 'actualHours', 'Verklig egen arbetstid (timmar)', errors, { min: 0, max: 10_000_000 }),
    comment: text(d.comment, 'comment', 'Kommentar', errors, { max: 2000, required: false }),
    closedAt,
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
