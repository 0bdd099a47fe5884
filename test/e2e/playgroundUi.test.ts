import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { CORPUS_DIR, startHarness, type Harness } from '../helpers/botHarness.js';
import { launchBrowser } from '../helpers/browser.js';
import { PlaygroundClient } from '../helpers/playgroundClient.js';
import { PlaygroundUi } from '../helpers/playgroundUi.js';

const SCREENSHOTS = path.resolve('test-output/playground-ui');

/**
 * The model's field names: none may reach a person. ("organisation" is also Swedish, so it
 * is not on the list.)
 */
const FIELD_NAMES = [
  'phase', 'goalArea', 'category', 'benefits', 'externalCostSek', 'internalHours', 'efficiencyInnovation', 'internalExternal',
  'personalData', 'riskAssessment', 'followUp', 'startDate', 'plannedEndDate', 'ownerId', 'benefitDescription', 'benefitTargetDate',
  'benefitCalculation', 'description', 'responsible', 'contact', 'action',
];

function englishFieldNames(text: string): string[] {
  return FIELD_NAMES.filter((name) => new RegExp(`(^|[^\\p{L}])${name}([^\\p{L}]|$)`, 'u').test(text));
}

/**
 * The whole way a new person goes, in the Playground's web UI in headless Chromium (not its
 * HTTP API): welcome card → a suggested question → 👍 → a registration with one validation
 * error → "mina insatser" → a phase change. A screenshot per step goes to
 * test-output/playground-ui/. It fails on English field names on screen, on a dropdown with
 * no options or with another field's options, and on a button that does nothing.
 */
/** What a field is about, from its label's last word: "Byt fas" and "Fas" are both a phase. */
const fieldKind = (label: string): string => label.toLocaleLowerCase('sv').trim().split(/\s+/).at(-1) ?? label;

describe('the Playground web UI, as a new person uses it', () => {
  let h: Harness;
  let pg: PlaygroundClient;
  let browser: Browser;
  let ui: PlaygroundUi;
  let knowledgeDir = '';
  /**
   * Every dropdown's options as they were shown, by card (step) and label: a list must not be
   * one another field showed on an earlier card, the way a client that reuses the previous
   * step's inputs shows them. (On one card two scales may rightly list the same 1–5.)
   */
  const lists: { step: string; label: string; options: string[] }[] = [];
  let step = '';

  const choose = async (card: Locator, label: string, option: string | RegExp, search?: string): Promise<void> => {
    const check = (shown: string[]): void => {
      for (const earlier of lists) {
        // The same kind of field ("Fas", "Byt fas") rightly lists the same values on another card.
        if (earlier.step !== step && fieldKind(earlier.label) !== fieldKind(label)) expect(shown, `"${label}" visar listan från "${earlier.label}"`).not.toEqual(earlier.options);
      }
    };
    lists.push({ step, label, options: await ui.choose(card, label, option, check, search) });
  };

  const noEnglish = async (): Promise<void> => {
    const shown = [await ui.cardText(), ...pg.events.map((e) => e.message?.text ?? '')].join('\n');
    expect(englishFieldNames(shown)).toEqual([]);
  };

  beforeAll(async () => {
    knowledgeDir = await mkdtemp(path.join(tmpdir(), 'pp-ui-knowledge-'));
    await cp(CORPUS_DIR, knowledgeDir, { recursive: true });
    await cp(path.resolve('knowledge'), knowledgeDir, { recursive: true });
    h = await startHarness({ knowledgeDir, env: { OUTBOX_INTERVAL_SECONDS: '0' } });
    pg = await PlaygroundClient.start({ botEndpoint: `${h.bot.url}/api/messages` });
    browser = await launchBrowser();
    ui = await PlaygroundUi.open(browser, pg, SCREENSHOTS);
  }, 120_000);

  afterEach(async (context) => {
    // What the screen showed when a step failed, next to the steps' screenshots.
    if (context.task.result?.state === 'fail') await ui?.shot('failed');
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    await h?.close();
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('welcome card: its suggested question is answered, 👍 is thanked', async () => {
    const welcome = await ui.card('Prova till exempel');
    await ui.shot('welcome');
    const suggestion = welcome.getByRole('button', { name: /^Vad / }).first();
    const question = (await suggestion.innerText()).trim();
    expect((await h.bot.knowledge.answer(question)).answered).toBe(true);
    await ui.press(welcome, question);
    const answer = await ui.card('Källa');
    expect(await answer.innerText()).not.toContain('hittar jag inte');
    await ui.shot('question');
    await ui.press(answer, '👍 Bra svar');
    await ui.card('Tack! Du tyckte att svaret hjälpte.');
    await ui.shot('thumbs-up');
    await noEnglish();
  });

  it('"Vad är Pios?": the definition and the key sentence come first, the passage follows as context', async () => {
    await ui.say('Vad är Pios?');
    const text = await (await ui.card('Ur texten')).innerText();
    const lead = text.indexOf('Stadens verktyg Pios används inte');
    expect(text.indexOf('Digitalt verktyg för portföljstyrning')).toBeGreaterThanOrEqual(0);
    expect(lead).toBeGreaterThan(text.indexOf('Digitalt verktyg för portföljstyrning'));
    expect(text.indexOf('Ur texten')).toBeGreaterThan(lead);
    await ui.shot('key-sentence');
  });

  it('a body the document never names: "det står inte", the nearest passage only as such', async () => {
    await ui.say('vad tyckte socialnämnden i alingsås om handlingsplanen för målbilden?');
    const text = await (await ui.card('nämner inte socialnämnden')).innerText();
    expect(text).toMatch(/^Det står inte i dokumenten/);
    expect(text).toContain('Närmast i dokumenten');
    await ui.shot('unmentioned-body');
  });

  it('"Visa vad jag kan" on a fallback card brings the welcome card', async () => {
    await ui.say('hur återställer jag mitt lösenord till teams?');
    const none = await ui.card('hittar jag inte');
    await ui.press(none, 'Visa vad jag kan');
    await ui.card('Prova till exempel');
  });

  it('a full registration with one validation error, then "mina insatser" and a phase change', { timeout: 180_000 }, async () => {
    await ui.say('registrera insats');
    let card = await ui.card('Steg 1 av 5');
    step = 'Steg 1 av 5';
    await ui.fill(card, 'Namn på insatsen', 'Digitala lås i hemtjänsten');
    await ui.fill(card, 'Kort beskrivning', 'Lås som öppnas med mobilen i stället för nycklar');
    await ui.pickPerson(card, 'Al', pg.config.currentUser.name);
    await choose(card, 'Förvaltning eller bolag', /./);
    await ui.shot('registration-1');
    await ui.press(card, 'Nästa');

    card = await ui.card('Steg 2 av 5');
    step = 'Steg 2 av 5';
    await choose(card, 'Målområde i planen', /^1/);
    // A list, or a search field narrowed by the målområde (Teams' choices.data): both work.
    await choose(card, 'Insats i planen', /1C/, '1C');
    await choose(card, 'Kategori', 'effektiviserande');
    await choose(card, 'Effektivitet eller innovation', /^2/);
    await choose(card, 'Intern eller extern nytta', /^3/);
    await ui.shot('registration-2');
    await ui.press(card, 'Nästa');

    card = await ui.card('Steg 3 av 5');
    step = 'Steg 3 av 5';
    await choose(card, 'Fas', 'idé');
    await ui.fill(card, 'Startdatum', '2027-01-01');
    // The one validation error: the planned end before the start.
    await ui.fill(card, 'Planerat slutdatum', '2026-06-30');
    await ui.press(card, 'Nästa');
    card = await ui.card('Steg 3 av 5');
    step = 'Steg 3 av 5';
    expect(await card.innerText()).toMatch(/slutdatum/i);
    await ui.shot('registration-3-validation-error');
    await ui.fill(card, 'Planerat slutdatum', '2027-12-31');
    await ui.press(card, 'Nästa');

    card = await ui.card('Steg 4 av 5');
    step = 'Steg 4 av 5';
    await ui.fill(card, 'Vad förändras?', 'Ingen nyckelhantering');
    await ui.fill(card, 'Måldatum', '2028-01-01');
    await choose(card, 'Finns en nyttokalkyl?', 'nej');
    await ui.shot('registration-4');
    await ui.press(card, 'Lägg till nyttan och fortsätt');

    card = await ui.card('Steg 5 av 5');
    step = 'Steg 5 av 5';
    // Typed as people type amounts: the bot understands it and shows it the Swedish way.
    await ui.fill(card, 'Extern kostnad i kronor', '250 000 kr');
    await ui.fill(card, 'Egen arbetstid i timmar', '40');
    await choose(card, 'Behandlas personuppgifter?', 'nej');
    await choose(card, 'konsekvensbedömning', 'ej aktuell');
    await choose(card, 'Hur ofta ska jag fråga hur det går?', /./);
    await ui.shot('registration-5');
    await ui.press(card, 'Nästa');

    card = await ui.card('Bekräfta och registrera');
    expect(await card.innerText()).toMatch(/250\s000\skr/);
    await ui.shot('registration-summary');
    await ui.press(card, 'Bekräfta och registrera');
    await ui.card('Förändringsinsatsen är registrerad');
    await ui.shot('registration-receipt');
    await noEnglish();

    await ui.say('mina insatser');
    card = await ui.card('Mina förändringsinsatser');
    expect(await card.innerText()).toContain('Digitala lås i hemtjänsten');
    await ui.shot('my-initiatives');
    await ui.press(card, 'Öppna');
    card = await ui.card('Byt fas');
    step = 'detail';
    await choose(card, 'Byt fas', 'förstudie');
    await ui.press(card, 'Spara fas');
    card = await ui.card(/förstudie/i);
    await ui.shot('phase-changed');
    expect((await card.innerText()).toLowerCase()).toContain('förstudie');
    await noEnglish();
  });
});
