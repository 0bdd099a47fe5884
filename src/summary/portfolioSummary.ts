import { CATEGORIES, PHASES, type Initiative } from '../initiatives/initiative.js';
import type { PlanDefinition } from '../plan/planDefinition.js';
import { benefitState, type BenefitState } from './benefitProgress.js';

/** What a summary covers: one organisation or all, and the local dates it reports on. */
export interface SummaryScope {
  organisation: string | null;
  from: string;
  to: string;
  /** The local date the summary is made on (benefit progress is measured against it). */
  today: string;
}

/** What the summary is computed from, as read from the store (see portfolioReader.ts). */
export interface PortfolioData {
  initiatives: readonly Initiative[];
  /** Follow-up answers given in the scope's dates. */
  answered: readonly { initiativeId: string; answeredAt: string }[];
  /** Prompts sent and not answered for longer than the reminder and as long again. */
  overdue: readonly { initiativeId: string; sentAt: string }[];
  /** People the bot could not reach, with the reason in words. */
  unreachable: ReadonlyMap<string, string>;
  /** Questions asked in the scope's dates (never who asked). */
  questions: readonly { question: string; answered: boolean; feedback: 'up' | 'down' | null }[];
}

/**
 * The groups a count in the summary stands for. Each can be opened ("Visa insatserna"):
 * the same key lists the initiatives behind the number.
 */
export type Bucket =
  | 'all'
  | 'new'
  | 'changed'
  | 'closed'
  | `phase:${string}`
  | `category:${string}`
  | `goalArea:${number}`
  | `benefit:${BenefitState}`
  | 'answered'
  | 'overdue'
  | 'notUsed'
  | 'gap:noGoals'
  | 'gap:noIndicator'
  | 'gap:noCalculation'
  | 'gap:noPlanLink'
  | 'gap:noHours'
  | 'gap:unreachable';

export const BUCKET_TEXT: Readonly<Record<string, string>> = {
  all: 'alla insatser',
  new: 'nya insatser',
  changed: 'ändrade insatser',
  closed: 'avslutade insatser',
  answered: 'uppföljningar besvarade',
  overdue: 'uppföljningar försenade',
  notUsed: 'förmågan används inte som tänkt',
  'gap:noGoals': 'utan effektmål',
  'gap:noIndicator': 'nytta utan indikator eller utgångsvärde',
  'gap:noCalculation': 'utan nyttokalkyl',
  'gap:noPlanLink': 'utan koppling till en insats i planen',
  'gap:noHours': 'kostnader utan egen arbetstid',
  'gap:unreachable': 'ägaren går inte att nå',
};

/** One initiative as listed in the summary. */
export interface ListedInitiative {
  id: string;
  name: string;
  organisation: string;
  owner: string;
  phase: string;
}

/** A count with the few items it is made of, for a list that never grows with the portfolio. */
export interface TopList {
  count: number;
  top: ListedInitiative[];
}

export interface Slice {
  label: string;
  bucket: Bucket;
  count: number;
}

export interface KnowledgeGaps {
  asked: number;
  unanswered: number;
  /** The most frequent questions the documents could not answer, with how often. */
  topUnanswered: { question: string; count: number }[];
  thumbsDown: number;
  topThumbsDown: { question: string; count: number }[];
}

export interface PortfolioSummary {
  scope: SummaryScope;
  total: number;
  open: number;
  changes: { new: TopList; changed: TopList; closed: TopList };
  byPhase: Slice[];
  byCategory: Slice[];
  byGoalArea: Slice[];
  followUps: { answered: number; overdue: number; notUsed: number };
  benefits: Record<BenefitState, number>;
  gaps: { bucket: Bucket; label: string; count: number }[];
  knowledge: KnowledgeGaps;
}

/** How many items a list in the summary shows; the rest is a count and "Visa insatserna". */
export const TOP_ITEMS = 5;
/** How many of the most frequent questions are shown. */
export const TOP_QUESTIONS = 5;

const GAP_BUCKETS: Bucket[] = ['gap:noGoals', 'gap:noIndicator', 'gap:noCalculation', 'gap:noPlanLink', 'gap:noHours', 'gap:unreachable'];

function inRange(iso: string | null | undefined, scope: SummaryScope): boolean {
  if (!iso) return false;
  const day = iso.slice(0, 10);
  return day >= scope.from && day <= scope.to;
}

function listed(i: Initiative): ListedInitiative {
  return { id: i.id, name: i.name, organisation: i.organisation, owner: i.responsible || i.owner.name, phase: i.phase };
}

export interface FactContext {
  scope: SummaryScope;
  plan: PlanDefinition;
  answered: ReadonlySet<string>;
  overdue: ReadonlySet<string>;
  unreachable: ReadonlyMap<string, string>;
  notUsed: ReadonlySet<string>;
  /** The plan's action codes per målområde, looked up once rather than per initiative. */
  actions: ReadonlyMap<number, ReadonlySet<string>>;
}

/**
 * Every bucket an initiative falls in, and each of its benefits' state, handed to `visit`:
 * what it is, what changed in the period, and what it lacks. One function decides it for
 * the counts and for the lists behind them, so a count and its list always agree. A visitor
 * rather than a set per initiative: at 10,000 initiatives the summary is mostly this loop.
 */
export function visitFacts(i: Initiative, ctx: FactContext, visit: (bucket: Bucket) => void, visitBenefit: (state: BenefitState) => void = () => undefined): void {
  visit('all');
  visit(`phase:${i.phase}`);
  visit(`category:${i.category}`);
  visit(`goalArea:${i.goalArea}`);
  const closed = i.phase === 'avslutad';
  if (inRange(i.createdAt, ctx.scope)) visit('new');
  else if (closed && inRange(i.finalReport?.closedAt, ctx.scope)) visit('closed');
  else if (inRange(i.updatedAt, ctx.scope)) visit('changed');
  if (ctx.answered.has(i.id)) visit('answered');
  if (ctx.overdue.has(i.id)) visit('overdue');
  if (ctx.notUsed.has(i.id)) visit('notUsed');
  if (closed) return;
  const start = i.startDate || i.createdAt.slice(0, 10);
  let seen = 0;
  for (const b of i.benefits) {
    const state = benefitState(b, start, ctx.scope.today);
    visitBenefit(state);
    // An initiative is in a benefit bucket once, however many of its benefits are.
    const bit = BENEFIT_BITS[state];
    if (!(seen & bit)) visit(`benefit:${state}`);
    seen |= bit;
  }
  if (i.benefits.length === 0) visit('gap:noGoals');
  if (i.benefits.some((b) => !b.indicator.trim() || !b.baseline.trim())) visit('gap:noIndicator');
  if (i.benefits.length > 0 && !i.benefits.some((b) => b.hasBenefitCalculation)) visit('gap:noCalculation');
  if (!i.action || !ctx.actions.get(i.goalArea)?.has(i.action)) visit('gap:noPlanLink');
  if (i.externalCostSek > 0 && i.internalHours === 0) visit('gap:noHours');
  if (ctx.unreachable.has(i.ownerId)) visit('gap:unreachable');
}

const BENEFIT_BITS: Readonly<Record<BenefitState, number>> = { realised: 1, onTrack: 2, behind: 4, noReport: 8, notMeasurable: 16 };

/** The context facts need, from the data read for a summary. */
export function factContext(data: PortfolioData, scope: SummaryScope, plan: PlanDefinition): FactContext {
  const byId = new Map(data.initiatives.map((i) => [i.id, i]));
  const overdue = new Set<string>();
  for (const o of data.overdue) {
    // Overdue only when nothing was answered since that prompt went out.
    const last = byId.get(o.initiativeId)?.followUpState?.lastAnsweredAt;
    if (!last || last < o.sentAt) overdue.add(o.initiativeId);
  }
  const notUsed = new Set(data.initiatives.filter((i) => i.followUpState?.lastUsedAsIntended === 'nej').map((i) => i.id));
  const actions = new Map(plan.goalAreas.map((a) => [a.number, new Set(a.actions.map((x) => x.code))]));
  return { scope, plan, answered: new Set(data.answered.map((a) => a.initiativeId)), overdue, unreachable: data.unreachable, notUsed, actions };
}

function normalisedQuestion(text: string): string {
  return text
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function mostFrequent(questions: readonly { question: string }[], limit: number): { question: string; count: number }[] {
  const groups = new Map<string, { question: string; count: number }>();
  for (const q of questions) {
    const key = normalisedQuestion(q.question);
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { question: q.question.trim().slice(0, 200), count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question, 'sv')).slice(0, limit);
}

function knowledgeGaps(questions: PortfolioData['questions']): KnowledgeGaps {
  const unanswered = questions.filter((q) => !q.answered);
  const down = questions.filter((q) => q.feedback === 'down');
  return {
    asked: questions.length,
    unanswered: unanswered.length,
    topUnanswered: mostFrequent(unanswered, TOP_QUESTIONS),
    thumbsDown: down.length,
    topThumbsDown: mostFrequent(down, TOP_QUESTIONS),
  };
}

/** Keeps the `limit` most recently changed items; a bounded insert, so a big portfolio costs no sort. */
function pushTop(list: TopList, item: Initiative, limit: number, recent: Map<string, string>): void {
  list.count++;
  recent.set(item.id, item.updatedAt);
  list.top.push(listed(item));
  if (list.top.length > limit) {
    list.top.sort(byRecent(recent));
    list.top.length = limit;
  }
}

/** Most recently changed first; ties by id, so every store's read order gives the same card. */
function byRecent(recent: ReadonlyMap<string, string>): (a: { id: string }, b: { id: string }) => number {
  return (a, b) => (recent.get(b.id) ?? '').localeCompare(recent.get(a.id) ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The week's portfolio summary, computed in one pass over the initiatives. Every count is
 * a bucket (see `Bucket`) that "Visa insatserna" can open; lists hold at most `TOP_ITEMS`,
 * so the card stays small however big the portfolio is.
 */
export function summarise(data: PortfolioData, scope: SummaryScope, plan: PlanDefinition): PortfolioSummary {
  const ctx = factContext(data, scope, plan);
  const counts = new Map<Bucket, number>();
  const benefits: Record<BenefitState, number> = { realised: 0, onTrack: 0, behind: 0, noReport: 0, notMeasurable: 0 };
  const changes = { new: { count: 0, top: [] }, changed: { count: 0, top: [] }, closed: { count: 0, top: [] } } as PortfolioSummary['changes'];
  const recent = new Map<string, string>();
  for (const i of data.initiatives) {
    visitFacts(
      i,
      ctx,
      (b) => {
        counts.set(b, (counts.get(b) ?? 0) + 1);
        if (b === 'new' || b === 'changed' || b === 'closed') pushTop(changes[b], i, TOP_ITEMS, recent);
      },
      (state) => benefits[state]++,
    );
  }
  for (const list of Object.values(changes)) list.top.sort(byRecent(recent));
  const count = (b: Bucket): number => counts.get(b) ?? 0;
  const slices = (labels: readonly { label: string; bucket: Bucket }[]): Slice[] => labels.map((l) => ({ ...l, count: count(l.bucket) })).filter((s) => s.count > 0);
  return {
    scope,
    total: data.initiatives.length,
    open: data.initiatives.length - count('phase:avslutad'),
    changes,
    byPhase: slices(PHASES.map((p) => ({ label: p, bucket: `phase:${p}` as Bucket }))),
    byCategory: slices(CATEGORIES.map((c) => ({ label: c, bucket: `category:${c}` as Bucket }))),
    byGoalArea: slices(plan.goalAreas.map((a) => ({ label: `${a.number}. ${a.title}`, bucket: `goalArea:${a.number}` as Bucket }))),
    followUps: { answered: count('answered'), overdue: count('overdue'), notUsed: count('notUsed') },
    benefits,
    gaps: GAP_BUCKETS.map((b) => ({ bucket: b, label: BUCKET_TEXT[b] ?? b, count: count(b) })),
    knowledge: knowledgeGaps(data.questions),
  };
}

/** The initiatives behind one count, most recently changed first, one page at a time. */
export function bucketMembers(data: PortfolioData, scope: SummaryScope, plan: PlanDefinition, bucket: Bucket, page: number, pageSize: number): { items: ListedInitiative[]; total: number } {
  const ctx = factContext(data, scope, plan);
  const members = data.initiatives.filter((i) => {
    let found = false;
    visitFacts(i, ctx, (b) => (found ||= b === bucket));
    return found;
  });
  members.sort(byRecent(new Map(members.map((i) => [i.id, i.updatedAt]))));
  return { items: members.slice(page * pageSize, (page + 1) * pageSize).map(listed), total: members.length };
}

/** A bucket key from a card's data, checked: anything else is not a bucket. */
export function parseBucket(value: unknown): Bucket | undefined {
  if (typeof value !== 'string' || value.length > 100) return undefined;
  if (Object.hasOwn(BUCKET_TEXT, value)) return value as Bucket;
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'phase' && (PHASES as readonly string[]).includes(rest)) return value as Bucket;
  if (kind === 'category' && (CATEGORIES as readonly string[]).includes(rest)) return value as Bucket;
  if (kind === 'goalArea' && /^\d{1,3}$/.test(rest)) return value as Bucket;
  if (kind === 'benefit' && ['realised', 'onTrack', 'behind', 'noReport', 'notMeasurable'].includes(rest)) return value as Bucket;
  return undefined;
}
