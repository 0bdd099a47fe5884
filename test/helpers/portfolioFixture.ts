import type { PersonContact, UnreachableReason } from '../../src/conversations/conversationReferences.js';
import type { FollowUpRecord } from '../../src/followUp/followUpAnswer.js';
import { periodOf } from '../../src/followUp/followUpSchedule.js';
import { CATEGORIES, type Benefit, type FollowUpFrequency, type Initiative, type Phase, type Usage } from '../../src/initiatives/initiative.js';
import { outboxId, type OutboxItem } from '../../src/outbox/outboxRepository.js';
import type { PlanDefinition } from '../../src/plan/planDefinition.js';
import type { QuestionRecord } from '../../src/qa/questionLog.js';
import type { PortfolioData } from '../../src/summary/portfolioSummary.js';
import { prng } from './prng.js';

/**
 * A generated municipal portfolio with a year of follow-ups, for the summary benchmark and
 * the card-size test: initiatives spread over the organisations and the plan, their
 * follow-up answers and outbox items, the owners' conversations and two months of
 * questions. Deterministic for a seed, so runs compare the same data.
 */
export interface PortfolioFixture {
  initiatives: Initiative[];
  followups: FollowUpRecord[];
  outbox: OutboxItem[];
  contacts: PersonContact[];
  questions: QuestionRecord[];
}

export interface PortfolioFixtureOptions {
  initiatives: number;
  organisations: readonly string[];
  plan: PlanDefinition;
  /** The fixed "now": everything generated lies before it. */
  now: Date;
  seed?: number;
}

const DAY = 86_400_000;

const SUBJECTS = ['avtal', 'bygglov', 'försörjningsstöd', 'skolskjuts', 'felanmälan', 'fakturor', 'ledighetsansökningar', 'hemtjänstplanering', 'lokalbokning', 'föreningsbidrag', 'tillsynsärenden', 'journalföring', 'elevfrånvaro', 'nyckelhantering', 'parkeringstillstånd'];
const VERBS = ['Digital signering av', 'E-tjänst för', 'Automatiserad hantering av', 'Självservice för', 'Mobil app för', 'Robotiserad kontroll av', 'Gemensam plattform för', 'Sensorer och larm för'];
const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Mikael', 'Lena', 'Per', 'Fatima', 'Ahmed', 'Sofia', 'Björn'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Lindberg', 'Hassan', 'Ali'];
/** Indicators with a baseline and a target as people type them. */
const MEASURES: { indicator: string; unit: string; baseline: [number, number]; target: [number, number] }[] = [
  { indicator: 'Ledtid från ansökan till beslut', unit: 'dagar', baseline: [10, 40], target: [1, 8] },
  { indicator: 'Andel ärenden som kommer in digitalt', unit: '%', baseline: [10, 50], target: [70, 95] },
  { indicator: 'Handläggartid per ärende', unit: 'minuter', baseline: [30, 120], target: [5, 25] },
  { indicator: 'Antal pappersutskick per månad', unit: 'st', baseline: [1000, 9000], target: [0, 500] },
  { indicator: 'Nöjd-kund-index', unit: 'NKI', baseline: [50, 65], target: [70, 85] },
];
const REASONS: UnreachableReason[] = ['AppUninstalled', 'ConversationBlockedByUser', 'UserNotFound', 'NeverInstalled'];
const USAGES: Usage[] = ['ja', 'ja', 'ja', 'delvis', 'delvis', 'nej', 'inte i drift än'];
const QUESTIONS = [
  'Vilka målområden har planen för digitalisering?',
  'Hur ska vi följa upp nyttan av en insats?',
  'Vem beslutar om nya verksamhetssystem?',
  'Vad säger planen om informationssäkerhet?',
  'Hur registrerar jag en förändringsinsats?',
  'Vad är en nyttokalkyl och när behövs den?',
  'Vilka insatser finns inom målområde 2?',
  'Hur hanterar vi personuppgifter i molntjänster?',
  'Vad gäller för upphandling av e-tjänster?',
  'Hur mäter vi effekt för invånarna?',
  'Får vi använda AI i handläggningen?',
  'Vem är ansvarig för digitaliseringsplanen?',
  'Hur ofta ska insatserna följas upp?',
  'Vad kostar en licens för Teams?',
  'När uppdateras planen nästa gång?',
  'Hur ansöker man om medel ur digitaliseringsfonden?',
  'Vilka krav finns på tillgänglighet i e-tjänster?',
  'Vad betyder effektivisering jämfört med innovation?',
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function uuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const between = (rnd: () => number, lo: number, hi: number): number => Math.round(lo + rnd() * (hi - lo));

function weighted<T>(rnd: () => number, table: readonly (readonly [T, number])[]): T {
  let x = rnd() * table.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  const last = table.at(-1);
  if (!last) throw new Error('empty table');
  return last[0];
}

const PHASE_WEIGHTS: readonly (readonly [Phase, number])[] = [
  ['idé', 10],
  ['förstudie', 15],
  ['upphandling', 10],
  ['genomförande', 30],
  ['i drift/förvaltning', 20],
  ['avslutad', 15],
];
const FREQUENCY_WEIGHTS: readonly (readonly [FollowUpFrequency, number])[] = [
  ['månad', 35],
  ['kvartal', 55],
  ['halvår', 5],
  ['år', 5],
];
const MONTHS_BETWEEN: Record<FollowUpFrequency, number> = { månad: 1, kvartal: 3, halvår: 6, år: 12 };

function benefits(rnd: () => number, now: number): Benefit[] {
  if (rnd() < 0.08) return [];
  const withCalculation = rnd() >= 0.15;
  return Array.from({ length: between(rnd, 1, 4) }, (_, k) => {
    const m = pick(rnd, MEASURES);
    const baseline = between(rnd, ...m.baseline);
    const target = between(rnd, ...m.target);
    const shown = (n: number): string => `${n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} ${m.unit}`;
    const roll = rnd();
    const lastValue = roll < 0.2 ? undefined : roll < 0.25 ? 'bättre än förut' : shown(Math.round(baseline + (target - baseline) * rnd() * 1.2));
    const gap = rnd() < 0.05;
    return {
      description: `Nytta ${k + 1}: ${m.indicator.toLowerCase()} förbättras`,
      forWhom: rnd() < 0.5 ? 'invånare' : 'medarbetare',
      indicator: gap ? '' : m.indicator,
      baseline: gap && rnd() < 0.5 ? '' : shown(baseline),
      target: shown(target),
      targetDate: isoDay(now + between(rnd, -60, 730) * DAY),
      owner: `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`,
      hasBenefitCalculation: withCalculation && (k === 0 || rnd() < 0.5),
      ...(lastValue ? { lastValue, lastReportedAt: new Date(now - between(rnd, 1, 120) * DAY).toISOString() } : {}),
    };
  });
}

/** Generates the portfolio; see PortfolioFixture. */
export function generatePortfolio(options: PortfolioFixtureOptions): PortfolioFixture {
  const rnd = prng(options.seed ?? 20261123);
  const now = options.now.getTime();
  const out: PortfolioFixture = { initiatives: [], followups: [], outbox: [], contacts: [], questions: [] };
  const owners = Array.from({ length: Math.max(1, Math.round(options.initiatives / 4)) }, () => ({ id: uuid(rnd), name: `${pick(rnd, FIRST)} ${pick(rnd, LAST)}` }));
  const unreachable = new Map<string, UnreachableReason>();
  for (const owner of owners) {
    const reason = rnd() < 0.03 ? pick(rnd, REASONS) : null;
    if (reason) unreachable.set(owner.id, reason);
    out.contacts.push({
      id: owner.id,
      pk: owner.id,
      type: 'person-contact',
      personId: owner.id,
      teamId: null,
      address: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: `a:${uuid(rnd)}`, tenantId: 'tenant', channelId: 'msteams', botId: '28:bot' },
      status: reason ? 'unreachable' : 'reachable',
      reason,
      changedAt: new Date(now - between(rnd, 1, 300) * DAY).toISOString(),
    });
  }
  const yearAgo = now - 365 * DAY;
  for (let n = 0; n < options.initiatives; n++) {
    const id = uuid(rnd);
    const owner = pick(rnd, owners);
    const area = pick(rnd, options.plan.goalAreas);
    const phase = weighted(rnd, PHASE_WEIGHTS);
    const frequency = weighted(rnd, FREQUENCY_WEIGHTS);
    const created = now - rnd() * 3 * 365 * DAY;
    // Most changes are recent: follow-up answers and phase moves touch the initiative.
    const updated = Math.max(created, now - -Math.log(1 - rnd()) * 60 * DAY);
    const closed = phase === 'avslutad';
    const externalCostSek = rnd() < 0.6 ? between(rnd, 10, 2000) * 1000 : 0;
    const initiative: Initiative = {
      id,
      pk: id,
      type: 'initiative',
      name: `${pick(rnd, VERBS)} ${pick(rnd, SUBJECTS)} ${n + 1}`,
      description: `Insatsen ersätter manuella moment i hanteringen av ${pick(rnd, SUBJECTS)} med en digital lösning, så att handläggare får mer tid för invånarna och ärendena går fortare.`,
      organisation: pick(rnd, options.organisations),
      owner,
      responsible: '',
      ownerId: owner.id,
      registeredById: owner.id,
      contact: `${owner.name.split(' ')[0]?.toLowerCase() ?? 'kontakt'}@example.se`,
      goalArea: area.number,
      action: rnd() < 0.05 || area.actions.length === 0 ? null : pick(rnd, area.actions).code,
      category: pick(rnd, CATEGORIES),
      efficiencyInnovation: between(rnd, 1, 5),
      internalExternal: between(rnd, 1, 5),
      phase,
      startDate: isoDay(created + between(rnd, 0, 60) * DAY),
      plannedEndDate: isoDay(created + between(rnd, 180, 1100) * DAY),
      benefits: benefits(rnd, now),
      externalCostSek,
      internalHours: externalCostSek > 0 && rnd() < 0.08 ? 0 : between(rnd, 20, 3000),
      personalData: pick(rnd, ['ja', 'nej', 'vet inte'] as const),
      riskAssessment: pick(rnd, ['genomförd', 'planerad', 'saknas', 'ej aktuell'] as const),
      followUp: frequency,
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      history: Array.from({ length: between(rnd, 1, 6) }, (_, k) => ({ at: new Date(created + k * DAY).toISOString(), by: owner.name, change: k === 0 ? 'registrerad' : 'ändrade fas, nyttor' })),
      lastDraftId: uuid(rnd),
      ...(closed ? { finalReport: { goalsReached: pick(rnd, ['ja', 'delvis', 'nej'] as const), actualCostSek: externalCostSek, actualHours: between(rnd, 20, 3000), comment: 'Klar enligt plan.', closedAt: new Date(updated).toISOString() } } : {}),
    };
    let lastAnswer: FollowUpRecord | undefined;
    // A year of prompts at the initiative's frequency, each on its own day of the month
    // (the schedule counts from the last answer), at about 08:00 local time.
    const step = MONTHS_BETWEEN[frequency];
    const anchorDay = between(rnd, 1, 28);
    for (let back = 12; back >= 0; back -= step) {
      const sent = new Date(now);
      sent.setUTCMonth(sent.getUTCMonth() - back, anchorDay);
      sent.setUTCHours(7, between(rnd, 0, 59), 0, 0);
      const sentAt = sent.getTime();
      if (sentAt < Math.max(created, yearAgo) || sentAt > now || (closed && sentAt > updated) || phase === 'idé') continue;
      const period = `periodic:${periodOf(isoDay(sentAt), frequency)}`;
      const promptId = outboxId('followUp', id, period);
      const reason = unreachable.get(owner.id);
      const answeredAt = !reason && rnd() < 0.88 ? sentAt + -Math.log(1 - rnd()) * 5 * DAY : undefined;
      const answered = answeredAt !== undefined && answeredAt < now ? new Date(answeredAt).toISOString() : null;
      const prompt: OutboxItem = {
        id: promptId,
        pk: promptId,
        type: 'outbox',
        kind: 'followUp',
        recipientId: owner.id,
        initiativeId: id,
        period,
        promptId: null,
        dueAt: new Date(sentAt).toISOString(),
        status: reason ? 'unreachable' : 'sent',
        leaseOwner: null,
        leaseUntil: null,
        attempts: 1,
        throttled: 0,
        lastError: reason ?? null,
        sentAt: reason ? null : new Date(sentAt).toISOString(),
        activityId: reason ? null : `1:${uuid(rnd)}`,
        answeredAt: answered,
        createdAt: new Date(sentAt - 3 * DAY).toISOString(),
      };
      out.outbox.push(prompt);
      if (!reason && !answered && now - sentAt > 7 * DAY) {
        const reminderId = outboxId('reminder', id, period);
        const remindedAt = new Date(sentAt + 7 * DAY).toISOString();
        out.outbox.push({ ...prompt, id: reminderId, pk: reminderId, kind: 'reminder', promptId, sentAt: remindedAt, dueAt: remindedAt });
      }
      if (!answered) continue;
      lastAnswer = {
        id: promptId,
        pk: id,
        type: 'follow-up',
        initiativeId: id,
        promptId,
        period,
        answeredAt: answered,
        answeredBy: owner,
        readings: initiative.benefits.map((b, k) => ({ benefitIndex: k, indicator: b.indicator, value: b.lastValue ?? '' })).filter((r) => r.value),
        usedAsIntended: pick(rnd, USAGES),
        obstacles: rnd() < 0.2 ? 'Väntar på leverantören.' : '',
        planChanges: '',
        phaseChange: null,
      };
      out.followups.push(lastAnswer);
    }
    if (!closed && phase !== 'idé') {
      // The next prompt, planned and waiting in the outbox.
      const due = new Date(now);
      due.setUTCMonth(due.getUTCMonth() + step, anchorDay);
      const period = `periodic:${periodOf(isoDay(due.getTime()), frequency)}`;
      const nextId = outboxId('followUp', id, period);
      out.outbox.push({
        id: nextId, pk: nextId, type: 'outbox', kind: 'followUp', recipientId: owner.id, initiativeId: id, period, promptId: null,
        dueAt: due.toISOString(), status: 'pending', leaseOwner: null, leaseUntil: null, attempts: 0, throttled: 0,
        lastError: null, sentAt: null, activityId: null, answeredAt: null, createdAt: new Date(now - DAY).toISOString(),
      });
    }
    if (lastAnswer) {
      initiative.followUpState = {
        lastAnsweredPromptId: lastAnswer.promptId,
        lastAnsweredAt: lastAnswer.answeredAt,
        snoozedUntil: null,
        pausedUntil: null,
        inOperationSince: phase === 'i drift/förvaltning' ? initiative.startDate : null,
        lastUsedAsIntended: lastAnswer.usedAsIntended,
      };
    }
    out.initiatives.push(initiative);
  }
  // About 60 questions a day across the municipality, this month and the one before.
  for (let back = 0; back < 60; back++) {
    for (let q = 0; q < 60; q++) {
      const asked = now - back * DAY - rnd() * DAY;
      const month = isoDay(asked).slice(0, 7);
      const answered = rnd() >= 0.2;
      const text = pick(rnd, QUESTIONS);
      out.questions.push({
        id: uuid(rnd),
        pk: month,
        type: 'question',
        question: rnd() < 0.3 ? text.toLowerCase().replace('?', '') : text,
        answered,
        reason: answered ? null : 'not_in_documents',
        sources: answered ? [{ document: 'plan-for-digitalisering-2023-2026.md', section: 'Målområden', page: null }] : [],
        askedAt: new Date(asked).toISOString(),
        askerHash: uuid(rnd).replace(/-/g, ''),
        feedback: rnd() < 0.06 ? 'down' : rnd() < 0.1 ? 'up' : null,
        feedbackAt: null,
        generated: false,
        replyActivityId: null,
      });
    }
  }
  return out;
}

const LONG_TEXT = 'Införande av en gemensam digital plattform för ärendehantering, e-tjänster och uppföljning inom äldreomsorgen och hemtjänsten i samtliga stadsområden, med integration mot verksamhetssystemen. ';

/** Ordinary Swedish text of exactly `length` characters, different for each `n`. */
function longText(n: number, length: number): string {
  return `${n} ${LONG_TEXT.repeat(Math.ceil(length / LONG_TEXT.length) + 1)}`.slice(0, length);
}

/**
 * The same data with every text the card shows at the longest a card submission allows:
 * names 120 characters, questions 200 (the summary cuts them there), and the responsible
 * person `responsibleLength` characters (up to 200; 0 shows the owner's name instead).
 */
export function withLongestTexts(data: PortfolioData, responsibleLength: number): PortfolioData {
  return {
    ...data,
    initiatives: data.initiatives.map((i, n) => ({ ...i, name: longText(n, 120), responsible: responsibleLength ? longText(n, responsibleLength) : '' })),
    // Forty different questions, so the most frequent lists fill up.
    questions: data.questions.map((q, n) => ({ ...q, question: longText(n % 40, 200) })),
  };
}
