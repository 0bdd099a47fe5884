import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PlaygroundClient } from './playgroundClient.js';

/** How long a click may take to show the bot's answer before the button counts as dead. */
const ANSWER_MS = 15_000;

/**
 * The Agents Playground's web UI in headless Chromium, driven as a person would: typing in
 * the compose box, pressing card buttons, picking from dropdowns. Every wait is for
 * something on screen, never a fixed sleep.
 */
export class PlaygroundUi {
  private shots = 0;

  private constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  /** Opens the Playground's personal chat (which installs the app: the bot gets membersAdded). */
  static async open(browser: Browser, pg: PlaygroundClient, screenshotDir: string): Promise<PlaygroundUi> {
    await mkdir(screenshotDir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pg.baseUrl);
    return new PlaygroundUi(page, screenshotDir);
  }

  /** The cards in the chat, oldest first (not the cards a ShowCard action opens inside one). */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  }

  lastCard(): Locator {
    return this.cards().last();
  }

  /** Waits for a card with this text to be the newest; returns it. */
  async card(text: string | RegExp): Promise<Locator> {
    const card = this.lastCard().filter({ hasText: text });
    await card.waitFor({ timeout: ANSWER_MS });
    return card;
  }

  /** Everything the cards in the chat show, as a person reads it. */
  async cardText(): Promise<string> {
    return (await this.cards().allInnerTexts()).join('\n');
  }

  /** Types a message in the compose box and sends it; waits until it shows in the chat. */
  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]');
    await box.click();
    await box.fill(text);
    await box.press('Enter');
    await this.page.getByText(text, { exact: true }).last().waitFor();
  }

  /**
   * Presses a button on a card and waits for the bot to answer: a new card or message, or
   * the card updated in place. A button that changes nothing within the time is dead.
   */
  async press(card: Locator, name: string | RegExp): Promise<void> {
    const before = await this.chatState();
    await card.getByRole('button', { name }).last().click();
    try {
      await this.page.waitForFunction(
        (previous) => {
          const cards = [...document.querySelectorAll('.ac-adaptiveCard')].map((c) => (c as HTMLElement).innerText).join('\u0001');
          return `${document.querySelectorAll('[aria-label="Message header"]').length}\u0002${cards}` !== previous;
        },
        before,
        { timeout: ANSWER_MS },
      );
    } catch {
      throw new Error(`Knappen "${String(name)}" gjorde ingenting: inget nytt kort eller meddelande och inget ändrat kort inom ${ANSWER_MS} ms`);
    }
  }

  /** Fills a text or date input found by its label. */
  async fill(card: Locator, label: string, value: string): Promise<void> {
    const input = card.getByLabel(label, { exact: false }).first();
    await input.fill(value);
  }

  /**
   * Opens a dropdown found by its label and picks the first option matching `option`;
   * returns every option it listed, which `check` sees before the pick. A search field that
   * lists nothing until one types gets `search` typed. Throws when it lists none, or when the
   * pick does not show in the field afterwards.
   */
  async choose(card: Locator, label: string, option: string | RegExp, check: (options: string[]) => void = () => undefined, search?: string): Promise<string[]> {
    const box = card.getByRole('combobox', { name: label });
    await box.click();
    // The list the box itself names as its popup: an earlier dropdown's list may still be in the page.
    const controls = await box.getAttribute('aria-controls');
    const listbox = controls ? this.page.locator(`[id="${controls}"]`) : this.page.getByRole('listbox').filter({ visible: true }).last();
    const options = listbox.getByRole('option');
    const listed = await options.first().waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (!listed && search !== undefined) {
      // A search field (`choices.data`, Data.Query): its choices come from the bot as one types.
      await box.pressSequentially(search);
      await options.first().waitFor({ timeout: ANSWER_MS }).catch(() => {
        throw new Error(`Sökfältet "${label}" visar inga val för "${search}"`);
      });
    } else if (!listed) {
      throw new Error(`Listan "${label}" har inga val`);
    }
    const titles = (await options.allInnerTexts()).map((t) => t.trim());
    check(titles);
    const wanted = titles.find((t) => (typeof option === 'string' ? t.toLowerCase().startsWith(option.toLowerCase()) : option.test(t)));
    if (!wanted) throw new Error(`"${String(option)}" finns inte i listan "${label}": ${titles.join(' | ')}`);
    await options.filter({ hasText: wanted }).first().click();
    // A search field may keep showing what was typed ("1C" for "1C – För att …").
    const shown = (await box.inputValue()).trim();
    if (!shown || (shown !== wanted && !wanted.startsWith(shown))) throw new Error(`Efter valet visar "${label}" "${shown}", inte "${wanted}"`);
    return titles;
  }

  /**
   * Picks a person in a people picker (Teams' `graph.microsoft.com/users`) by typing part of
   * the name, unless the picker already shows someone (a prefilled owner is left as it is).
   */
  async pickPerson(card: Locator, typed: string, name: string): Promise<void> {
    if ((await card.locator('.ms-PickerPersona-container').count()) > 0) return;
    const picker = card.getByRole('combobox', { name: 'People Picker' });
    await picker.click();
    await picker.pressSequentially(typed);
    await this.page.getByRole('option', { name: new RegExp(name) }).first().click();
  }

  /** Saves a numbered screenshot of the chat as it is now. */
  async shot(name: string): Promise<void> {
    this.shots += 1;
    await this.page.screenshot({ path: path.join(this.screenshotDir, `${String(this.shots).padStart(2, '0')}-${name}.png`) });
  }

  private async chatState(): Promise<string> {
    return this.page.evaluate(() => {
      // Every message in the chat has a header; the cards' text shows a card updated in place.
      const cards = [...document.querySelectorAll('.ac-adaptiveCard')].map((c) => (c as HTMLElement).innerText).join('\u0001');
      return `${document.querySelectorAll('[aria-label="Message header"]').length}\u0002${cards}`;
    });
  }
}
