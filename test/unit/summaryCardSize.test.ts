import { beforeAll, describe, expect, it } from 'vitest';
import { summaryCard } from '../../bot/summaryCards.js';
import { UNREACHABLE_TEXT } from '../../src/conversations/conversationReferences.js';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';
import { summarise, TOP_ITEMS, TOP_QUESTIONS, type PortfolioData, type SummaryScope } from '../../src/summary/portfolioSummary.js';
import { generatePortfolio, withLongestTexts, type PortfolioFixture } from '../helpers/portfolioFixture.js';

/** The weekly card's budget at 10,000 initiatives (see test/bench/summaryBench.ts). */
const CARD_LIMIT_BYTES = 28 * 1024;
const NOW = new Date('2026-11-23T07:00:00.000Z');
const SCOPE: SummaryScope = { organisation: null, from: '2026-11-16', to: '2026-11-22', today: '2026-11-23' };
/** The week in UTC instants, and the overdue limit with five reminder days, as the reader computes them. */
const START = '2026-11-15T23:00:00.000Z';
const END = '2026-11-22T23:00:00.000Z';
const OVERDUE_BEFORE = '2026-11-10T23:00:00.000Z';
const ORGANISATIONS = ['Äldre samt vård- och omsorgsförvaltningen', 'Förvaltningen för funktionsstöd', 'Utbildningsförvaltningen', 'Stadsledningskontoret', 'Göteborg Energi AB'];

/** What PortfolioReader would read from a store holding the fixture, picked out in memory. */
function portfolioData(f: PortfolioFixture): PortfolioData {
  const inWeek = (iso: string | null): boolean => iso !== null && iso >= START && iso < END;
  return {
    initiatives: f.initiatives,
    answered: f.followups.filter((r) => inWeek(r.answeredAt)).map((r) => ({ initiativeId: r.initiativeId, answeredAt: r.answeredAt })),
    overdue: f.outbox.flatMap((o) => (o.kind === 'followUp' && o.status === 'sent' && o.answeredAt === null && o.sentAt !== null && o.sentAt < OVERDUE_BEFORE ? [{ initiativeId: o.initiativeId, sentAt: o.sentAt }] : [])),
    unreachable: new Map(f.contacts.flatMap((c) => (c.reason ? [[c.personId, UNREACHABLE_TEXT[c.reason]] as const] : []))),
    questions: f.questions.filter((q) => inWeek(q.askedAt)).map((q) => ({ question: q.question, answered: q.answered, feedback: q.feedback })),
  };
}

function cardBytes(data: PortfolioData, plan: PlanDefinition): number {
  return Buffer.byteLength(JSON.stringify(summaryCard(summarise(data, SCOPE, plan), true)));
}

let plan: PlanDefinition;
let big: PortfolioFixture;
beforeAll(async () => {
  plan = await loadPlan(BUNDLED_PLAN_FILE);
  big = generatePortfolio({ initiatives: 10_000, organisations: ORGANISATIONS, plan, now: NOW });
});

describe('the weekly summary card at 10,000 initiatives', () => {
  it('stays under 28 KB, with every list capped', () => {
    const data = portfolioData(big);
    const summary = summarise(data, SCOPE, plan);
    // The portfolio is big enough that every capped list has more than it shows.
    expect(summary.total).toBe(10_000);
    expect(summary.changes.changed.count).toBeGreaterThan(TOP_ITEMS);
    expect(summary.changes.new.count).toBeGreaterThan(TOP_ITEMS);
    for (const list of Object.values(summary.changes)) expect(list.top.length).toBeLessThanOrEqual(TOP_ITEMS);
    expect(summary.knowledge.topUnanswered.length).toBeLessThanOrEqual(TOP_QUESTIONS);
    expect(summary.knowledge.topThumbsDown.length).toBeLessThanOrEqual(TOP_QUESTIONS);

    const json = JSON.stringify(summaryCard(summary, true));
    expect(Buffer.byteLength(json)).toBeLessThan(CARD_LIMIT_BYTES);
    expect(json).toContain(`… och ${(summary.changes.changed.count - TOP_ITEMS).toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} ändrade insatser till.`);
  });

  it('does not grow with the portfolio: 10,000 initiatives cost at most a few digits more than 1,000', () => {
    const smaller = generatePortfolio({ initiatives: 1_000, organisations: ORGANISATIONS, plan, now: NOW });
    const growth = cardBytes(portfolioData(big), plan) - cardBytes(portfolioData(smaller), plan);
    expect(Math.abs(growth)).toBeLessThan(256);
  });

  it('stays under 28 KB with names at 120 characters, owners at 200 and questions at 200 (long texts are cut on the card)', () => {
    const summary = summarise(withLongestTexts(portfolioData(big), 200), SCOPE, plan);
    expect(summary.knowledge.topUnanswered).toHaveLength(TOP_QUESTIONS);
    expect(summary.changes.changed.top.every((i) => i.name.length === 120)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(summaryCard(summary, true)))).toBeLessThan(CARD_LIMIT_BYTES);
  });
});
