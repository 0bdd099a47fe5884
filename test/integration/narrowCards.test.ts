import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { answerCard, noAnswerCard, welcomeCard, type CardJson } from '../../bot/cards.js';
import { followUpCard } from '../../bot/followUpCards.js';
import { initiativeCard, myInitiativesCard } from '../../bot/registrationCards.js';
import { summaryCard, summaryListCard } from '../../bot/summaryCards.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';
import { summarise } from '../../src/summary/portfolioSummary.js';
import { CORPUS_DIR } from '../helpers/botHarness.js';
import { launchBrowser } from '../helpers/browser.js';
import { overflowing, render, RENDERER } from '../helpers/cardRenderer.js';

const SCREENSHOTS = path.resolve('test-output/narrow');
/** About the width of a card in Teams on a phone. */
const PHONE = 320;

/** An initiative with long values, the kind that get clipped on a phone. */
const initiative: Initiative = {
  id: 'i1', pk: 'Äldre samt vård- och omsorgsförvaltningen', type: 'initiative', name: 'Digitala lås i hemtjänsten med mobilnycklar för alla brukare',
  description: 'Lås som öppnas med mobilen i stället för nycklar', organisation: 'Äldre samt vård- och omsorgsförvaltningen',
  owner: { id: 'a', name: 'Alexandra Johansson-Lindqvist' }, ownerId: 'a', responsible: 'Verksamhetsutvecklare Kristoffer Andersson', contact: 'alexandra.johansson-lindqvist@goteborg.example.se',
  goalArea: 2, action: '2C', category: 'kvalitetshöjande', efficiencyInnovation: 2, internalExternal: 3, phase: 'genomförande',
  startDate: '2026-01-01', plannedEndDate: '2027-06-30',
  benefits: [
    { description: 'Färre nyckelöverlämningar mellan personal och brukare', forWhom: 'personal', indicator: 'överlämningar per vecka', baseline: '140', target: '20', targetDate: '2027-06-30', owner: '', hasBenefitCalculation: true, lastValue: '95', lastReportedAt: '2026-09-01T08:00:00Z' },
  ],
  externalCostSek: 1_250_000, internalHours: 1200, personalData: 'ja', riskAssessment: 'genomförd', followUp: 'kvartal',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', history: [{ at: '2026-01-01T00:00:00Z', by: 'Alexandra Johansson-Lindqvist', change: 'registrerad' }],
};

function cards(kb: KnowledgeBase, plan: PlanDefinition): [string, CardJson][] {
  const answered = kb.answer('Varför finns det så få nyttokalkyler för de digitala satsningarna?');
  const missing = kb.answer('Hur mycket kostade Timrås färdplan?');
  const prompt = { id: 'followUp:i1:periodic:2026-Q4', pk: 'followUp:i1:periodic:2026-Q4', type: 'outbox' as const, kind: 'followUp' as const, recipientId: 'a', initiativeId: 'i1', period: 'periodic:2026-Q4', promptId: null, dueAt: '2026-12-23T08:12:00Z', status: 'sent' as const, leaseOwner: null, leaseUntil: null, attempts: 1, throttled: 0, lastError: null, sentAt: null, activityId: null, answeredAt: null, createdAt: '' };
  const record = { id: prompt.id, pk: 'i1', type: 'follow-up' as const, initiativeId: 'i1', promptId: prompt.id, period: prompt.period, answeredAt: '2026-12-23T09:00:00Z', answeredBy: { id: 'a', name: 'Alex' }, readings: [{ benefitIndex: 0, indicator: 'överlämningar per vecka', value: '60' }], usedAsIntended: 'delvis' as const, obstacles: 'Batterier', planChanges: '', phaseChange: null };
  const scope = { organisation: null, from: '2026-11-16', to: '2026-11-22', today: '2026-11-23' };
  const portfolio = [initiative, { ...initiative, id: 'i2', phase: 'idé' as const, organisation: 'Stadsfastighetsförvaltningen', benefits: [] }];
  const summary = summarise({ initiatives: portfolio, answered: [], overdue: [], unreachable: new Map<string, string>(), questions: [{ question: 'Hur många av insatserna i planen är klara?', answered: true, feedback: null }] }, scope, plan);
  return [
    ['welcome', welcomeCard(kb.suggestedQuestions())],
    ['answer', answerCard(answered, { id: '5f0c1a2e-0000-4000-8000-000000000001', pk: '2026-11' })],
    ['answer-definition', answerCard(kb.answer('Vad är Pios?'), { id: '5f0c1a2e-0000-4000-8000-000000000002', pk: '2026-11' })],
    ['noAnswer', noAnswerCard(missing.answer, 'Frågan är sparad, så att den som förvaltar underlaget ser vad som saknas.', missing.nearest)],
    ['follow-up', followUpCard({ kind: 'prompt', initiative, prompt, errors: {}, values: {}, next: null })],
    ['follow-up-receipt', followUpCard({ kind: 'receipt', initiative, record, already: false, next: new Date('2027-03-23T08:00:00Z') })],
    ['summary', summaryCard(summary, true)],
    ['summary-list', summaryListCard({ bucket: 'phase:genomförande', scope, items: [{ id: 'i1', name: initiative.name, organisation: initiative.organisation, owner: initiative.owner.name, phase: 'genomförande' }], total: 12, page: 1, pages: 3 })],
    ['my-initiatives', myInitiativesCard([{ initiative, status: { standing: 'försenad', next: '2027-01-11', unreachable: 'har blockerat Planpiloten' } }, { initiative: { ...initiative, id: 'i2', name: 'Kort' } }], '2026-11-22')],
    ['initiative-detail', initiativeCard({ kind: 'detail', initiative: { value: initiative, etag: 'e1' }, errors: {}, message: 'Fasen är sparad.' }, plan, '2026-11-22')],
  ];
}

/**
 * Every card at the width of a phone (about 320 px in Teams mobile), in the real renderer:
 * nothing may stick out of the card or be cut off. A screenshot of each is saved.
 */
describe(`cards at ${PHONE} px, as on a phone`, () => {
  let browser: Browser;
  let page: Page;
  const kb = new KnowledgeBase(CORPUS_DIR);
  let plan: PlanDefinition;
  beforeAll(async () => {
    await kb.load();
    plan = await loadPlan(BUNDLED_PLAN_FILE);
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: PHONE + 40, height: 900 } });
    await page.setContent(`<!doctype html><html lang="sv"><body style="font-family: 'Segoe UI', sans-serif; margin: 0"><div id="host" style="width: ${PHONE}px"></div></body></html>`);
    await page.addScriptTag({ content: RENDERER });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the check finds a card that overflows (a row of long buttons)', async () => {
    const titles = ['Vad står det om informationssäkerhet?', 'Vad står det om målområde 1?', 'Registrera insats'];
    await render(page, { type: 'AdaptiveCard', version: '1.5', body: [], actions: titles.map((title) => ({ type: 'Action.Submit', title })) });
    expect((await overflowing(page)).length).toBeGreaterThan(0);
  });

  it('no card overflows or clips at 320 px', async () => {
    const problems: Record<string, string[]> = {};
    for (const [name, card] of cards(kb, plan)) {
      const r = await render(page, card);
      expect(r.failures.filter((f) => !f.includes('Chart.')), name).toEqual([]);
      await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, `${name}-${PHONE}px.png`) });
      const found = await overflowing(page);
      if (found.length) problems[name] = found;
    }
    expect(problems).toEqual({});
  });
});
