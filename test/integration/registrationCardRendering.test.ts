import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CardJson } from '../../bot/cards.js';
import { initiativeCard, myInitiativesCard, registrationCard } from '../../bot/registrationCards.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import type { Draft } from '../../src/initiatives/registration.js';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';
import { launchBrowser } from '../helpers/browser.js';
import { overflowing, render as renderCard, RENDERER } from '../helpers/cardRenderer.js';

const SCREENSHOTS = path.resolve('test-output');
const NBSP = '\u00A0';
/** A card in Teams on a phone is about this wide; 480 is a chat on a desktop. */
const WIDTHS = [320, 480] as const;

/**
 * Renders a card with the real Adaptive Cards renderer in a host of the given width and
 * reports what a person would not be able to read: parse and validation problems, and
 * anything reaching past the card's edge or cut off inside its box.
 */
async function render(page: Page, card: CardJson, width: number): Promise<{ failures: string[]; text: string; overflow: string[] }> {
  await page.evaluate((w) => document.getElementById('host')?.style.setProperty('width', `${w}px`), width);
  const rendered = await renderCard(page, card);
  return { failures: rendered.failures, text: rendered.text, overflow: await overflowing(page) };
}

function draftAt(step: number, values: Record<string, string>): Draft {
  return { id: 'd1', pk: 'aad-alex', type: 'draft', ownerName: 'Alex Andersson', step, values, benefits: [], status: 'open', initiativeId: null, organisation: null, createdAt: '', updatedAt: `2026-11-23T03:0${step}:00Z` };
}

const TYPED: Record<string, string> = {
  name: 'Läkemedelsautomater i hemtjänsten med en mycket lång benämning som måste radbrytas',
  description: 'Automater som påminner om och delar ut läkemedel hos brukare',
  organisation: 'Äldre samt vård- och omsorgsförvaltningen',
  goalArea: '1',
  action: '1B',
  category: 'effektiviserande',
  phase: 'genomförande',
  startDate: '2026-01-15',
  plannedEndDate: '2026-12-31',
  externalCostSek: '250 000 kr',
  internalHours: '320,5',
};

const ERRORS: Record<number, Record<string, string>> = {
  1: { name: 'Namn får vara högst 120 tecken (nu 10 000).' },
  2: { action: 'Insats 1C hör till målområde 1, inte 2.' },
  3: { plannedEndDate: 'Planerat slutdatum kan inte ligga före startdatum.' },
  4: { benefitTargetDate: 'Måldatum ska vara ett datum (ÅÅÅÅ-MM-DD).' },
  5: { externalCostSek: 'Extern kostnad: skriv ett belopp, till exempel 250 000 kr, 300 tkr eller 1,5 mnkr.' },
};

describe('registration cards in the real Adaptive Cards renderer, at 320 and 480 px', () => {
  let browser: Browser;
  let page: Page;
  let plan: PlanDefinition;
  const orgs = ['Äldre samt vård- och omsorgsförvaltningen', 'Stadsfastighetsförvaltningen', 'Utbildningsförvaltningen'];

  beforeAll(async () => {
    plan = await loadPlan(BUNDLED_PLAN_FILE);
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 520, height: 1200 } });
    await page.setContent('<!doctype html><html lang="sv"><body style="font-family: sans-serif; margin: 8px"><div id="host"></div></body></html>');
    await page.addScriptTag({ content: RENDERER });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every step card parses, shows its errors and what was typed, and nothing sticks out or is cut off', async () => {
    for (const width of WIDTHS) {
      for (let step = 1; step <= 5; step++) {
        const r = await render(page, registrationCard({ kind: 'step', draft: draftAt(step, TYPED), errors: ERRORS[step] ?? {} }, plan, orgs), width);
        expect(r.failures, `steg ${step}, ${width} px`).toEqual([]);
        expect(r.overflow, `steg ${step}, ${width} px`).toEqual([]);
        expect(r.text).toContain(`Steg ${step} av 5`);
        for (const message of Object.values(ERRORS[step] ?? {})) expect(r.text).toContain(message);
        await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, `registration-step${step}-${width}px.png`) });
      }
    }
  });

  it('step 2\'s insats field offers the plan\'s insatser as one types, code first and cut at a word', async () => {
    await render(page, registrationCard({ kind: 'step', draft: draftAt(2, { goalArea: '2' }), errors: {} }, plan, orgs), 320);
    // Renderers that match the card's own list (the fallback) match the start of a title: the code.
    const field = page.locator('#host input[placeholder="Skriv koden (t.ex. 2C) eller ett ord"]');
    await field.click();
    await field.pressSequentially('2');
    await page.waitForTimeout(300);
    const shown = await page.locator('body').innerText();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'registration-step2-insats-320px.png'), clip: { x: 0, y: 0, width: 340, height: 700 } });
    expect(shown).toContain('2C – Stärka uppföljningen av digital mognad och stärka nyttorealisering.');
    expect(shown).toContain('2B – De metodstöd som redan finns framtagna, till exempel för…');
    expect(shown).not.toContain('1C – ');
    expect(shown).not.toMatch(/ska genom…|framdri…/);
  });

  it('summary, receipt, "mina insatser" and the detail card read at 320 px: Swedish numbers, owner by name, insats with its text', async () => {
    const base = {
      name: 'Digital signering av avtal i hela kommunkoncernen', description: 'Avtal signeras digitalt', organisation: 'Äldre samt vård- och omsorgsförvaltningen', responsible: '', contact: 'alex.andersson@example.com',
      goalArea: 1, action: '1C', category: 'effektiviserande' as const, efficiencyInnovation: 2, internalExternal: 3, phase: 'genomförande' as const,
      startDate: '2026-01-01', plannedEndDate: '2026-06-30',
      benefits: [{ description: 'Kortare ledtid', forWhom: 'personal', indicator: 'dagar', baseline: '10', target: '2', targetDate: '2026-12-31', owner: 'Chef', hasBenefitCalculation: true }],
      externalCostSek: 1_250_000, internalHours: 320.5, personalData: 'nej' as const, riskAssessment: 'genomförd' as const, followUp: 'kvartal' as const,
    };
    const initiative: Initiative = {
      ...base, id: 'i1', pk: 'i1', type: 'initiative', owner: { id: 'aad-alex', name: 'Alex Andersson' }, ownerId: 'aad-alex',
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      history: [
        { at: '2026-01-01T00:00:00Z', by: 'Alex Andersson', change: 'registrerad' },
        { at: '2026-02-01T00:00:00Z', by: 'Alex Andersson', change: 'ändrade phase, externalCostSek' },
      ],
    };
    const cards: [string, CardJson][] = [
      ['registration-summary', registrationCard({ kind: 'summary', draft: draftAt(6, {}), input: base, similar: [], errors: {} }, plan, orgs)],
      ['registration-receipt', registrationCard({ kind: 'receipt', initiative, created: true }, plan, orgs)],
      ['my-initiatives', myInitiativesCard([{ initiative }], '2026-11-23')],
      ['initiative-detail', initiativeCard({ kind: 'detail', initiative: { value: initiative, etag: 'e1' }, errors: {}, message: '' }, plan, '2026-11-23')],
      [
        'initiative-detail-closed',
        initiativeCard({ kind: 'detail', initiative: { value: { ...initiative, phase: 'avslutad', finalReport: { goalsReached: 'delvis', actualCostSek: 1_400_000, actualHours: 1200, comment: '', closedAt: '' } }, etag: 'e2' }, errors: {}, message: '' }, plan, '2026-11-23'),
      ],
    ];
    for (const width of WIDTHS) {
      for (const [name, card] of cards) {
        const r = await render(page, card, width);
        expect(r.failures, `${name}, ${width} px`).toEqual([]);
        expect(r.overflow, `${name}, ${width} px`).toEqual([]);
        await page.locator('#host').screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}px.png`) });
        if (name.startsWith('registration')) {
          expect(r.text).toContain(`1${NBSP}250${NBSP}000${NBSP}kr`);
          expect(r.text).toContain(`320,5${NBSP}timmar`);
          expect(r.text).toContain('Alex Andersson');
          expect(r.text).toContain('1C – För att stärka och kvalitetssäkra arbetet');
          expect(r.text).toContain('Varje kvartal');
          expect(r.text).not.toContain('Ägare\ndu');
        }
        if (name === 'my-initiatives') expect(r.text).toContain('Fas: Genomförande');
        if (name === 'initiative-detail') {
          expect(r.text).toContain('ändrade fas, extern kostnad');
          expect(r.text).not.toMatch(/phase|externalCostSek/);
        }
        if (name === 'initiative-detail-closed') {
          expect(r.text).toContain(`1${NBSP}400${NBSP}000${NBSP}kr`);
          expect(r.text).toContain(`1${NBSP}200${NBSP}timmar`);
          expect(r.text).toContain('Delvis');
        }
      }
    }
  });
});
