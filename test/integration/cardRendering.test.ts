import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { answerCard, noAnswerCard, welcomeCard } from '../../bot/cards.js';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { launchBrowser } from '../helpers/browser.js';
import { render, RENDERER } from '../helpers/cardRenderer.js';
import { initiativeCard, myInitiativesCard, registrationCard } from '../../bot/registrationCards.js';
import { followUpCard } from '../../bot/followUpCards.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { BUNDLED_PLAN_FILE, loadPlan } from '../../src/plan/planDefinition.js';
import type { Draft } from '../../src/initiatives/registration.js';
import { CORPUS_DIR } from '../helpers/botHarness.js';
import { summaryCard, summaryListCard } from '../../bot/summaryCards.js';
import { summarise } from '../../src/summary/portfolioSummary.js';

const SCREENSHOTS = path.resolve('test-output');

describe('cards in the real Adaptive Cards renderer (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const kb = new KnowledgeBase(CORPUS_DIR);
  beforeAll(async () => {
    await kb.load();
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 520, height: 900 } });
    await page.setContent('<!doctype html><html lang="sv"><body style="font-family: sans-serif"><div id="host" style="width: 480px"></div></body></html>');
    await page.addScriptTag({ content: RENDERER });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the answer card parses without errors and shows passage, source, sources and feedback', async () => {
    const answer = kb.answer('Varför finns det så få nyttokalkyler för de digitala satsningarna?');
    const r = await render(page, answerCard(answer, { id: '5f0c1a2e-0000-4000-8000-000000000001', pk: '2026-11' }));
    expect(r.failures).toEqual([]);
    expect(r.text).toContain('fåtal nyttokalkyler');
    expect(r.text).toContain('Källa');
    expect(r.text).toMatch(/Sida\s*\d+/);
    expect(r.buttons).toEqual(expect.arrayContaining(['👍 Bra svar', '👎 Inte till hjälp']));
    expect(r.buttons.some((b) => b.startsWith('Fler källor'))).toBe(true);
    expect(r.bold.length).toBeGreaterThan(0);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'answer-card.png') });
  });

  it('"Vad är Pios?" shows the footnote\'s definition, then the key sentence, then the passage as context', async () => {
    const r = await render(page, answerCard(kb.answer('Vad är Pios?'), { id: '5f0c1a2e-0000-4000-8000-000000000003', pk: '2026-11' }));
    expect(r.failures).toEqual([]);
    const definition = r.text.indexOf('Pios: Digitalt verktyg för portföljstyrning');
    const lead = r.text.indexOf('Stadens verktyg Pios används inte av någon av de förvaltningar och bolag som intervjuats.');
    const context = r.text.indexOf('Ur texten');
    expect(definition).toBeGreaterThanOrEqual(0);
    expect(lead).toBeGreaterThan(definition);
    expect(context).toBeGreaterThan(lead);
    expect(r.text.indexOf('Stadsledningskontorets uppföljning visar att det varierar')).toBeGreaterThan(context);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'answer-card-definition.png') });
  });

  it('a word in the excerpt with a footnote brings the footnote under the passage: "IST" tells who else uses the system', async () => {
    const answer = kb.answer('används IST bara i gymnasieskolan?');
    expect(answer.sources[0]?.excerpt).toContain('Till detta kommer systemet IST som omhändertar elevadministration');
    expect(answer.sources[0]?.notes).toContain('IST: Systemet används även av förskolan och grundskolan.');
    const r = await render(page, answerCard(answer, { id: '5f0c1a2e-0000-4000-8000-000000000011', pk: '2026-11' }));
    expect(r.failures).toEqual([]);
    const passage = r.text.indexOf('Till detta kommer systemet IST');
    const note = r.text.indexOf('Fotnot – IST: Systemet används även av förskolan och grundskolan.');
    expect(passage).toBeGreaterThanOrEqual(0);
    expect(note).toBeGreaterThan(passage);
    expect(note).toBeLessThan(r.text.indexOf('Källa'));
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'answer-card-footnote.png') });
  });

  it('a list in the source stays a list, section numbers stay whole, and "Fler källor" never repeats the main source', async () => {
    const source = (section: string, excerpt: string, page: number) => ({ document: 'uppfoljning.txt', title: 'Fördjupad uppföljning', section, page, excerpt, highlights: [], keySentence: '', score: 1 });
    const main = source('1.1 Sammanfattning', 'Insatserna har delats upp i några kategorier:\n- upphandlingar av verksamhetssystem\n- kvalitetshöjande insatser\n- övrigt\nI avsnitt 4.2.1 framkommer mer.', 9);
    const answer = { question: 'Vilka kategorier finns?', answered: true, answer: main.excerpt, sources: [main, source('1.1 Sammanfattning', 'Samma avsnitt igen.', 9), source('4.3 Digitala förändringsinsatser', 'Ett annat avsnitt.', 18)] };
    const r = await render(page, answerCard(answer, { id: '5f0c1a2e-0000-4000-8000-000000000009', pk: '2026-11' }));
    expect(r.failures).toEqual([]);
    expect(r.text).toMatch(/kategorier:\s*• upphandlingar av verksamhetssystem\s*• kvalitetshöjande insatser\s*• övrigt\s*I avsnitt 4\.2\.1 framkommer mer\./);
    expect(r.text).not.toContain('- upphandlingar');
    expect(r.buttons).toContain('Fler källor (1)');
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'answer-card-list.png') });
  });

  it('"hur många" answered by a numbered list leads with the list, keeps its numbers and does not repeat it', async () => {
    const answer = kb.answer('hur många beslutsunderlag hade ärendet om Borås digitala strategi?');
    expect(answer.sources[0]?.keySentence).toBe('Beslutsunderlag: 1. Kommunfullmäktigeskrivelse 2. Digital strategi – strategi 3. Digital strategi – slutgiltig version');
    const r = await render(page, answerCard(answer, { id: '5f0c1a2e-0000-4000-8000-000000000010', pk: '2026-11' }));
    expect(r.failures).toEqual([]);
    expect(r.text).toMatch(/Beslutsunderlag\s*1\. Kommunfullmäktigeskrivelse\s*2\. Digital strategi – strategi\s*3\. Digital strategi – slutgiltig version/);
    expect(r.text).not.toContain('1\\.');
    // An excerpt that opens with the list's lead needs no lead line above it.
    const main = { document: 'boras.txt', title: 'Digital strategi', section: 'Beslutsunderlag', page: 6, excerpt: 'Beslutsunderlag\n1. Kommunfullmäktigeskrivelse\n2. Digital strategi', highlights: ['Beslutsunderlag'], keySentence: 'Beslutsunderlag: 1. Kommunfullmäktigeskrivelse 2. Digital strategi', score: 1 };
    const opening = await render(page, answerCard({ question: 'hur många?', answered: true, answer: main.excerpt, sources: [main] }, { id: '5f0c1a2e-0000-4000-8000-000000000011', pk: '2026-11' }));
    expect(opening.text.split('Kommunfullmäktigeskrivelse')).toHaveLength(2);
  });

  it('after feedback the card thanks instead of offering the buttons again', async () => {
    const answer = kb.answer('Vad är Pios?');
    const r = await render(page, answerCard(answer, { id: '5f0c1a2e-0000-4000-8000-000000000002', pk: '2026-11' }, 'down'));
    expect(r.failures).toEqual([]);
    expect(r.text).toContain('Tack!');
    expect(r.buttons.some((b) => b.startsWith('👍'))).toBe(false);
  });

  it('the welcome and no-answer cards parse and render', async () => {
    const welcome = await render(page, welcomeCard(kb.suggestedQuestions()));
    expect(welcome.failures).toEqual([]);
    expect(welcome.text).toContain('Hej! Jag är Planpiloten');
    expect(welcome.buttons).toEqual([...kb.suggestedQuestions(), 'Registrera insats']);
    expect(welcome.html).not.toContain('imBack');
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'welcome-card.png') });
    const none = await render(page, noAnswerCard('Det hittar jag inte i dokumenten.', 'Frågan är sparad.'));
    expect(none.failures).toEqual([]);
    expect(none.text).toContain('Det hittar jag inte i dokumenten.');
  });

  it('a fact the documents lack shows the nearest passage only under "Närmast i dokumenten"', async () => {
    const answer = kb.answer('Hur mycket kostade Timrås färdplan?');
    expect(answer.nearest).toBeDefined();
    const r = await render(page, noAnswerCard(answer.answer, '', answer.nearest));
    expect(r.failures).toEqual([]);
    expect(r.text).toContain('står inte i dokumenten');
    expect(r.text).toContain('Närmast i dokumenten (inte ett svar på frågan)');
    expect(r.text).toContain(answer.nearest?.title ?? '—');
    const plain = await render(page, noAnswerCard('Det hittar jag inte i dokumenten.'));
    expect(plain.text).not.toContain('Närmast i dokumenten');
  });

  it('markup in text is shown as text, never as HTML or links', async () => {
    const r = await render(page, noAnswerCard('<img src=x onerror=alert(1)> [länk](https://evil.example) **fet**'));
    expect(r.html).not.toContain('<img');
    expect(r.html).not.toContain('href=');
    expect(r.bold).toEqual([]);
    expect(r.text).toContain('<img src=x onerror=alert(1)> [länk](https://evil.example) **fet**');
  });

  it('every registration step card parses, shows "Steg N av 5", errors and the typed values', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    const orgs = ['Stadsfastighetsförvaltningen', 'Utbildningsförvaltningen'];
    for (let step = 1; step <= 5; step++) {
      const draft: Draft = {
        id: 'd1', pk: 'p', type: 'draft', ownerName: 'Alex', step, values: { name: 'Digitala lås', description: 'Lås <b>utan</b> nycklar' },
        benefits: [], status: 'open', initiativeId: null, organisation: null, createdAt: '', updatedAt: '',
      };
      const r = await render(page, registrationCard({ kind: 'step', draft, errors: step === 1 ? { name: 'Namn får vara högst 120 tecken.' } : {} }, plan, orgs));
      expect(r.failures, `steg ${step}`).toEqual([]);
      expect(r.text).toContain(`Steg ${step} av 5`);
      expect(r.html).not.toContain('${');
      if (step === 1) {
        expect(r.text).toContain('Namn får vara högst 120 tecken.');
        expect(await page.locator('#host input[aria-label], #host input').first().inputValue()).toBe('Digitala lås');
        await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'registration-step1.png') });
      }
      // The insats list is a search field (Data.Query); its choices show as one types (registrationCardRendering.test.ts).
      if (step === 2) expect(r.html).toContain('Skriv koden (t.ex. 2C) eller ett ord');
    }
  });

  it('"mina insatser" and an opened initiative render, open and closed', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    const initiative: Initiative = {
      id: 'i1', pk: 'Utbildningsförvaltningen', type: 'initiative', name: 'Digital signering', description: 'Avtal signeras digitalt',
      organisation: 'Utbildningsförvaltningen', owner: { id: 'a', name: 'Alex' }, ownerId: 'a', responsible: '', contact: 'alex@example.com',
      goalArea: 1, action: '1C', category: 'effektiviserande', efficiencyInnovation: 2, internalExternal: 3, phase: 'genomförande',
      startDate: '2026-01-01', plannedEndDate: '2026-06-30', benefits: [], externalCostSek: 100000, internalHours: 40,
      personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'kvartal', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      history: [{ at: '2026-01-01T00:00:00Z', by: 'Alex', change: 'registrerad' }],
    };
    const list = await render(page, myInitiativesCard([{ initiative, status: { standing: 'försenad', next: '2027-01-11', unreachable: 'har blockerat Planpiloten' } }], '2026-11-22'));
    expect(list.failures).toEqual([]);
    expect(list.text).toContain('effektmål saknas');
    expect(list.text).toContain('Uppföljning: försenad, nästa 2027-01-11');
    expect(list.text).toContain('Planpiloten når inte ägaren: har blockerat Planpiloten');
    expect(list.text).toContain('uppföljning försenad');
    expect(list.buttons).toContain('Öppna');
    const open = await render(page, initiativeCard({ kind: 'detail', initiative: { value: initiative, etag: 'e1' }, errors: {}, message: '' }, plan, '2026-11-22'));
    expect(open.failures).toEqual([]);
    expect(open.buttons).toEqual(expect.arrayContaining(['Spara fas', 'Ändra uppgifter', 'Avsluta med slutrapport']));
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'initiative-detail.png') });
    const closed = await render(page, initiativeCard({ kind: 'detail', initiative: { value: { ...initiative, phase: 'avslutad', finalReport: { goalsReached: 'ja', actualCostSek: 90000, actualHours: 50, comment: '', closedAt: '' } }, etag: 'e2' }, errors: {}, message: '' }, plan, '2026-11-22'));
    expect(closed.failures).toEqual([]);
    expect(closed.buttons).toEqual([]);
    expect(closed.text).toContain('Nåddes effektmålen');
  });

  it('the summary before confirming and the receipt after render, with similar initiatives and their published contact only', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    const base = {
      name: 'Digital signering', description: 'Avtal signeras digitalt', organisation: 'Utbildningsförvaltningen', responsible: '', contact: 'alex@example.com',
      goalArea: 1, action: '1C', category: 'effektiviserande' as const, efficiencyInnovation: 2, internalExternal: 3, phase: 'genomförande' as const,
      startDate: '2026-01-01', plannedEndDate: '2026-06-30',
      benefits: [{ description: 'Kortare ledtid', forWhom: 'personal', indicator: 'dagar', baseline: '10', target: '2', targetDate: '2026-12-31', owner: 'Chef', hasBenefitCalculation: true }],
      externalCostSek: 250000, internalHours: 1200, personalData: 'nej' as const, riskAssessment: 'genomförd' as const, followUp: 'kvartal' as const,
    };
    const draft: Draft = { id: 'd1', pk: 'p', type: 'draft', ownerName: 'Alex', step: 6, values: {}, benefits: base.benefits, status: 'open', initiativeId: null, organisation: null, createdAt: '', updatedAt: '' };
    const other: Initiative = {
      ...base, id: 'i9', pk: 'i9', type: 'initiative', name: 'E-signatur för avtal', contact: '', owner: { id: 'b', name: 'Hemlig Person' }, ownerId: 'b',
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', history: [],
    };
    const summary = await render(page, registrationCard({ kind: 'summary', draft, input: base, similar: [other], errors: {} }, plan, ['Utbildningsförvaltningen']));
    expect(summary.failures).toEqual([]);
    expect(summary.text).toContain('E-signatur för avtal');
    expect(summary.text).not.toContain('Hemlig Person');
    expect(summary.buttons).toEqual(expect.arrayContaining(['Tillbaka', 'Bekräfta och registrera']));
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'registration-summary.png') });
    const receipt = await render(page, registrationCard({ kind: 'receipt', initiative: { ...other, ...base, id: 'i1', pk: 'i1', owner: { id: 'a', name: 'Alex' }, ownerId: 'a' }, created: true }, plan, []));
    expect(receipt.failures).toEqual([]);
    expect(receipt.text).toContain('Tack!');
    expect(receipt.text).toMatch(/250\s000\skr/);
    expect(receipt.buttons).toEqual([]);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'registration-receipt.png') });
  });

  it('the follow-up prompt and its receipt render, with a field per benefit and the people picker cards too', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    const initiative: Initiative = {
      id: 'i7', pk: 'i7', type: 'initiative', name: 'Digitala lås i hemtjänsten', description: 'Lås som öppnas med mobilen',
      organisation: 'Utbildningsförvaltningen', owner: { id: 'a', name: 'Alex' }, ownerId: 'a', responsible: '', contact: '',
      goalArea: 1, action: '1C', category: 'effektiviserande', efficiencyInnovation: 2, internalExternal: 3, phase: 'genomförande',
      startDate: '2026-01-01', plannedEndDate: '2027-06-30',
      benefits: [
        { description: 'Färre nyckelöverlämningar', forWhom: 'personal', indicator: 'överlämningar per vecka', baseline: '140', target: '20', targetDate: '2027-06-30', owner: '', hasBenefitCalculation: true, lastValue: '95', lastReportedAt: '2026-09-01T08:00:00Z' },
        { description: 'Nöjdare brukare', forWhom: 'brukare', indicator: 'NKI', baseline: '70', target: '80', targetDate: '2027-06-30', owner: '', hasBenefitCalculation: false },
      ],
      externalCostSek: 250000, internalHours: 1200, personalData: 'ja', riskAssessment: 'genomförd', followUp: 'kvartal',
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', history: [],
    };
    const prompt = { id: 'followUp:i7:periodic:2026-Q4', pk: 'followUp:i7:periodic:2026-Q4', type: 'outbox' as const, kind: 'followUp' as const, recipientId: 'a', initiativeId: 'i7', period: 'periodic:2026-Q4', promptId: null, dueAt: '2026-12-23T08:12:00Z', status: 'sent' as const, leaseOwner: null, leaseUntil: null, attempts: 1, throttled: 0, lastError: null, sentAt: null, activityId: null, answeredAt: null, createdAt: '' };
    const card = await render(page, followUpCard({ kind: 'prompt', initiative, prompt, errors: { usedAsIntended: 'Välj om den nya förmågan används som tänkt.' }, values: { value_0: '60' }, next: null }));
    expect(card.failures).toEqual([]);
    expect(card.text).toContain('Uppföljning: Digitala lås i hemtjänsten');
    expect(card.text).toContain('Senast rapporterat');
    expect(card.text).toContain('95 (2026-09-01)');
    expect(card.text).toContain('Välj om den nya förmågan används som tänkt.');
    expect(card.buttons).toEqual(expect.arrayContaining(['Skicka svaret', 'Påminn mig om en vecka', 'Pausa uppföljningen']));
    expect(await page.locator('#host input').count()).toBeGreaterThanOrEqual(4);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'follow-up-prompt.png') });
    const record = { id: prompt.id, pk: 'i7', type: 'follow-up' as const, initiativeId: 'i7', promptId: prompt.id, period: prompt.period, answeredAt: '2026-12-23T09:00:00Z', answeredBy: { id: 'a', name: 'Alex' }, readings: [{ benefitIndex: 0, indicator: 'överlämningar per vecka', value: '60' }], usedAsIntended: 'delvis' as const, obstacles: 'Batterier', planChanges: '', phaseChange: null };
    const receipt = await render(page, followUpCard({ kind: 'receipt', initiative, record, already: false, next: new Date('2027-03-23T08:00:00Z') }));
    expect(receipt.failures).toEqual([]);
    expect(receipt.text).toContain('Tack! Svaret är sparat');
    expect(receipt.text).toContain('Nästa uppföljning kommer 2027-03-23.');
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'follow-up-receipt.png') });
    const draft: Draft = { id: 'd9', pk: 'aad-alex', type: 'draft', ownerName: 'Alex', step: 1, values: { name: 'X' }, benefits: [], status: 'open', initiativeId: null, organisation: null, createdAt: '', updatedAt: '' };
    const about = await render(page, registrationCard({ kind: 'step', draft, errors: {} }, plan, ['Utbildningsförvaltningen']));
    expect(about.failures).toEqual([]);
    expect(about.text).toContain('Ägare i Teams');
  });

  it('the weekly summary renders in a client without charts as text bars, every count openable; its list pages', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    const phases = ['idé', 'förstudie', 'genomförande', 'genomförande', 'i drift/förvaltning', 'avslutad'] as const;
    const initiatives: Initiative[] = phases.map((phase, n) => ({
      id: `i${n}`, pk: `i${n}`, type: 'initiative', name: `Insats ${n} med ett ganska långt namn`, description: '', organisation: n % 2 ? 'Utbildningsförvaltningen' : 'Stadsfastighetsförvaltningen',
      owner: { id: `o${n}`, name: `Ägare ${n}` }, ownerId: `o${n}`, responsible: '', contact: '', goalArea: (n % 4) + 1, action: n % 3 ? null : '1A', category: n % 2 ? 'effektiviserande' : 'kvalitetshöjande',
      efficiencyInnovation: 3, internalExternal: 3, phase, startDate: '2026-01-01', plannedEndDate: '2027-12-31',
      benefits: n % 3 ? [{ description: 'Kortare ledtid', forWhom: '', indicator: 'dagar', baseline: '10', target: '2', targetDate: '2027-06-30', owner: '', hasBenefitCalculation: n % 2 === 0, lastValue: String(10 - n) }] : [],
      externalCostSek: 100_000, internalHours: n % 2 ? 0 : 100, personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'kvartal',
      createdAt: n < 2 ? '2026-11-17T08:00:00Z' : '2026-01-01T08:00:00Z', updatedAt: '2026-11-18T08:00:00Z', history: [],
    }));
    const scope = { organisation: null, from: '2026-11-16', to: '2026-11-22', today: '2026-11-23' };
    const data = { initiatives, answered: [], overdue: [], unreachable: new Map<string, string>(), questions: [{ question: 'Vad kostar *Pios*?', answered: false, feedback: null }, { question: 'Vem äger planen?', answered: true, feedback: 'down' as const }] };
    const card = summaryCard(summarise(data, scope, plan), true);
    expect(JSON.stringify(card)).toContain('Chart.HorizontalBar');
    // Teams' chart gives labels the width the longest needs: a målområde is named by its number there.
    expect(JSON.stringify(card)).toContain('{"x":"Målområde 1","y":2}');
    const r = await render(page, card);
    // This renderer has no charts: it says so for the three charts, and uses their fallback; nothing else is wrong.
    expect(r.failures).toEqual(Array(3).fill('Unknown element type "Chart.HorizontalBar". Fallback will be used if present.'));
    expect(r.text).toContain('Portföljöversikt vecka 47, 16 nov–22 nov 2026');
    expect(r.text).toContain('Portföljen per fas');
    // The chart's fallback: a bar and a count per phase, readable on its own.
    expect(r.text).toMatch(/genomförande\s*█+\s*2/);
    expect(r.text).toContain('Nyttor efter plan');
    expect(r.text).toContain('Utan nyttokalkyl');
    expect(r.text).toContain('Obesvarad: ”Vad kostar *Pios*?”');
    expect(r.buttons).toContain('Visa insatserna');
    expect(await page.locator('#host [role="button"], #host .ac-selectable').count()).toBeGreaterThan(10);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'summary-card.png') });
    await page.evaluate(() => document.getElementById('host')!.style.setProperty('width', '320px'));
    await render(page, card);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'summary-card-320px.png') });
    await page.evaluate(() => document.getElementById('host')!.style.setProperty('width', '480px'));
    const list = await render(page, summaryListCard({ bucket: 'phase:genomförande', scope, items: [{ id: 'i2', name: 'Insats 2', organisation: 'Stadsfastighetsförvaltningen', owner: 'Ägare 2', phase: 'genomförande' }], total: 12, page: 1, pages: 2 }));
    expect(list.failures).toEqual([]);
    expect(list.text).toContain('Insatser: i fas genomförande (12)');
    expect(list.text).toContain('sida 2 av 2');
    expect(list.buttons).toEqual(['Föregående']);
    await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, 'summary-list.png') });
  });

  it('an unknown element is reported by the renderer (the check can fail)', async () => {
    const r = await render(page, { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] });
    expect(r.failures.length).toBeGreaterThan(0);
  });
});
