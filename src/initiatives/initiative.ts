import type { StoredDocument } from '../storage/documentStore.js';
import type { InitiativeInput } from './validation.js';

export const PHASES = ['idé', 'förstudie', 'upphandling', 'genomförande', 'i drift/förvaltning', 'avslutad'] as const;
export type Phase = (typeof PHASES)[number];

/** Phases a person can choose on a card: "avslutad" is reached only through the final report. */
export const OPEN_PHASES = PHASES.filter((p) => p !== 'avslutad');

/** A document must stay far below Cosmos DB's 2 MB item limit, however long it lives. */
export const MAX_BENEFITS = 20;
export const MAX_HISTORY = 200;

/**
 * The Swedish names of the fields a person can change, for history and messages. Typed
 * over every field, so a new one cannot be added without its Swedish name.
 */
export const FIELD_LABELS: Readonly<Record<keyof InitiativeInput, string>> = {
  name: 'namn',
  description: 'beskrivning',
  organisation: 'förvaltning eller bolag',
  responsible: 'ägare',
  contact: 'kontakt',
  goalArea: 'målområde',
  action: 'insats',
  category: 'kategori',
  efficiencyInnovation: 'effektivitet–innovation',
  internalExternal: 'intern–extern nytta',
  phase: 'fas',
  startDate: 'startdatum',
  plannedEndDate: 'planerat slutdatum',
  benefits: 'nyttor',
  externalCostSek: 'extern kostnad',
  internalHours: 'egen arbetstid',
  personalData: 'personuppgifter',
  riskAssessment: 'risk- och konsekvensbedömning',
  followUp: 'uppföljning',
};

const LABEL_OF: ReadonlyMap<string, string> = new Map(Object.entries(FIELD_LABELS));

/**
 * A history entry as people read it. Entries written by earlier versions named fields by
 * their code names ("ändrade phase, internalHours"); those are shown in Swedish too.
 */
export function historyText(change: string): string {
  return change.replace(/(^|; )ändrade ([^;]+)/g, (_m, start: string, list: string) => `${start}ändrade ${list.split(', ').map((f) => LABEL_OF.get(f.trim()) ?? f).join(', ')}`);
}

export const CATEGORIES = ['upphandling av verksamhetssystem', 'kvalitetshöjande', 'effektiviserande', 'övrigt'] as const;
export type Category = (typeof CATEGORIES)[number];

export const FOLLOW_UP_FREQUENCIES = ['månad', 'kvartal', 'halvår', 'år'] as const;
export type FollowUpFrequency = (typeof FOLLOW_UP_FREQUENCIES)[number];

export const PERSONAL_DATA = ['ja', 'nej', 'vet inte'] as const;
export const ASSESSMENTS = ['genomförd', 'planerad', 'saknas', 'ej aktuell'] as const;

/** A planned benefit (nytta/effektmål) with how it is measured. */
export interface Benefit {
  description: string;
  forWhom: string;
  indicator: string;
  baseline: string;
  target: string;
  targetDate: string;
  owner: string;
  /** The benefit owner's Teams identity, when picked (people picker). */
  ownerId?: string;
  hasBenefitCalculation: boolean;
  /** The value last reported in a follow-up, and when (the series is in `followups`). */
  lastValue?: string;
  lastReportedAt?: string;
}

/** Where an initiative's follow-up stands; set by the follow-up feature, never typed on a card. */
export interface FollowUpState {
  /** The last prompt answered, and when (what was sent, and when, is in the outbox). */
  lastAnsweredPromptId: string | null;
  lastAnsweredAt: string | null;
  /** Local dates (YYYY-MM-DD): no prompts before then. */
  snoozedUntil: string | null;
  pausedUntil: string | null;
  /** When the phase became "i drift/förvaltning". */
  inOperationSince: string | null;
  /** The latest answer to "används den nya förmågan som tänkt?" (for the managers' summary). */
  lastUsedAsIntended?: Usage | null;
}

/** Is the new capability used as intended? The answers a follow-up card offers. */
export const USAGE = ['ja', 'delvis', 'nej', 'inte i drift än'] as const;
export type Usage = (typeof USAGE)[number];

export interface Person {
  /** Teams AAD object id (or channel user id): who may edit. */
  id: string;
  name: string;
}

export const GOALS_REACHED = ['ja', 'delvis', 'nej'] as const;

/** What the owner reports when closing: were the goals reached, and what did it really cost. */
export interface FinalReport {
  goalsReached: (typeof GOALS_REACHED)[number];
  actualCostSek: number;
  actualHours: number;
  comment: string;
  closedAt: string;
}

export interface HistoryEntry {
  at: string;
  by: string;
  change: string;
}

/** A digital change initiative (förändringsinsats), as stored. pk = organisation. */
export interface Initiative extends StoredDocument {
  type: 'initiative';
  name: string;
  description: string;
  organisation: string;
  /** Who owns it in Teams (Entra object id): may edit it and gets its follow-ups. */
  owner: Person;
  /** The person responsible, when it is someone else than who registered it ("" otherwise). */
  responsible: string;
  /** owner.id, at top level so "mina insatser" is a plain filtered query. */
  ownerId: string;
  /** Who registered it: sees it in "mina insatser" also after handing it over. */
  registeredById?: string;
  contact: string;
  goalArea: number;
  action: string | null;
  category: Category;
  /** 1 = mest effektivitet, 5 = mest innovation. */
  efficiencyInnovation: number;
  /** 1 = mest intern nytta, 5 = mest extern nytta. */
  internalExternal: number;
  phase: Phase;
  startDate: string;
  plannedEndDate: string;
  benefits: Benefit[];
  externalCostSek: number;
  internalHours: number;
  personalData: (typeof PERSONAL_DATA)[number];
  riskAssessment: (typeof ASSESSMENTS)[number];
  followUp: FollowUpFrequency;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
  finalReport?: FinalReport;
  /** The registration draft whose confirmation wrote this version (so a replay is recognised). */
  lastDraftId?: string;
  followUpState?: FollowUpState;
}

export const EMPTY_FOLLOW_UP_STATE: FollowUpState = {
  lastAnsweredPromptId: null,
  lastAnsweredAt: null,
  snoozedUntil: null,
  pausedUntil: null,
  inOperationSince: null,
};

/** What is still missing for the portfolio to mean something, in Swedish, for "mina insatser". */
export function gaps(initiative: Initiative, today: string): string[] {
  const out: string[] = [];
  if (initiative.benefits.length === 0) out.push('effektmål saknas');
  else if (initiative.benefits.some((b) => !b.indicator.trim())) out.push('indikator saknas');
  if (initiative.benefits.length > 0 && !initiative.benefits.some((b) => b.hasBenefitCalculation)) out.push('nyttokalkyl saknas');
  if (initiative.phase !== 'avslutad' && initiative.plannedEndDate < today) out.push('planerat slutdatum har passerat');
  return out;
}
