import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { CATEGORIES, OPEN_PHASES } from '../../src/initiatives/initiative.js';
import type { Draft } from '../../src/initiatives/registration.js';
import { BUNDLED_PLAN_FILE, loadPlan } from '../../src/plan/planDefinition.js';
import { startHarness, type Harness } from '../helpers/botHarness.js';
import { launchBrowser } from '../helpers/browser.js';
import { PlaygroundClient } from '../helpers/playgroundClient.js';

const SCREENSHOTS = path.resolve('test-output');
const capitalised = (v: string): string => v.charAt(0).toUpperCase() + v.slice(1);

/**
 * The step cards in the Agents Playground's own web UI, whose card renderer is Teams': it
 * keys an element by its `key`, or else by type and place, and a dropdown keeps its list in
 * component state. A step card updated in place once showed the previous step's list there
 * (organisations under "Effektivitet eller innovation"); here every dropdown of each step
 * must list its own choices, and what is picked must reach the bot.
 */
describe('registration step cards in the Agents Playground UI (headless Chromium)', () => {
  let h: Harness;
  let pg: PlaygroundClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    h = await startHarness({ knowledgeDir: path.resolve('knowledge') });
    pg = await PlaygroundClient.start({ botEndpoint: `${h.bot.url}/api/messages` });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 1100 } });
    await page.goto(pg.baseUrl);
    // The welcome card the bot sends on install shows that the chat is up.
    await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    await h?.close();
  });

  /** The options a dropdown lists when opened. */
  async function optionsOf(combo: Locator): Promise<string[]> {
    await combo.click();
    await page.getByRole('listbox').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    const options = await page.getByRole('option').allInnerTexts();
    await page.keyboard.press('Escape');
    return options.map((o) => o.trim());
  }

  async function pick(combo: Locator, option: string): Promise<void> {
    await combo.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The step card, once the bot has put step `n` in place of the last one. */
  async function stepCard(n: number): Promise<Locator> {
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: `Steg ${n} av 5` }).last();
    await card.waitFor({ timeout: 15_000 });
    return card;
  }

  it('each step\'s dropdowns list that step\'s choices after the card is updated in place, and picks reach the bot', async () => {
    const plan = await loadPlan(BUNDLED_PLAN_FILE);
    await pg.say('registrera insats');

    const step1 = await stepCard(1);
    await step1.getByLabel('Namn på insatsen').fill('Digitala lås i hemtjänsten');
    await step1.getByLabel('Kort beskrivning: vad görs och varför?').fill('Lås som öppnas med mobilen i stället för nycklar');
    const organisation = step1.getByRole('combobox').nth(1);
    await pick(organisation, 'Utbildningsförvaltningen');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-registration-step1.png') });
    await step1.getByRole('button', { name: 'Nästa' }).click();

    const step2 = await stepCard(2);
    const combos2 = step2.getByRole('combobox');
    expect(await combos2.count()).toBe(5);
    expect(await optionsOf(combos2.nth(0))).toEqual(plan.goalAreas.map((a) => `${a.number} – ${a.title}`));
    // The insats list is a search (Data.Query): the Playground answers none, and shows the card's own list as one types.
    expect(await optionsOf(combos2.nth(2))).toEqual(CATEGORIES.map(capitalised));
    expect(await optionsOf(combos2.nth(3))).toEqual(['1', '2', '3', '4', '5']);
    expect(await optionsOf(combos2.nth(4))).toEqual(['1', '2', '3', '4', '5']);
    await pick(combos2.nth(0), '2 – Uppnå balans mellan interna och externa nyttor');
    await combos2.nth(1).click();
    await combos2.nth(1).pressSequentially('2C');
    await page.getByRole('option', { name: /^2C – / }).click();
    await pick(combos2.nth(2), 'Effektiviserande');
    await pick(combos2.nth(3), '2');
    await pick(combos2.nth(4), '4');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-registration-step2.png') });
    await step2.getByRole('button', { name: 'Nästa' }).click();

    const step3 = await stepCard(3);
    const combos3 = step3.getByRole('combobox');
    expect(await optionsOf(combos3.nth(0))).toEqual(OPEN_PHASES.map(capitalised));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-registration-step3.png') });

    // What was picked on step 2 is what the bot stored in the draft.
    const drafts = await h.bot.store.collection<Draft>('state').query(undefined);
    const draft = drafts.map((d) => d.value).find((d) => d.type === 'draft');
    expect(draft?.values).toMatchObject({ organisation: 'Utbildningsförvaltningen', goalArea: '2', action: '2C', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: '4' });
  }, 120_000);
});
