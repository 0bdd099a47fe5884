import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CardJson } from '../../bot/cards.js';

/** The Adaptive Cards renderer's browser bundle, to add to a page with `addScriptTag`. */
export const RENDERER = readFileSync(path.resolve('node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');

/** The parts of the renderer's browser global this test uses. */
interface AdaptiveCardsGlobal {
  AdaptiveCard: {
    new (): {
      parse(json: unknown, context: unknown): void;
      validateProperties(): { validationEvents: { message: string }[] };
      render(): HTMLElement | undefined;
    };
    onProcessMarkdown: (text: string, result: { outputHtml: string; didProcess: boolean }) => void;
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
}

export interface Rendered {
  failures: string[];
  text: string;
  buttons: string[];
  html: string;
  bold: string[];
}

/**
 * Renders a card with the real Adaptive Cards renderer in the page, with a markdown
 * processor like Teams' (bold and backslash escapes; no raw HTML, no links from text).
 */
export async function render(page: Page, card: CardJson): Promise<Rendered> {
  return page.evaluate((json) => {
    const AC = (window as unknown as { AdaptiveCards: AdaptiveCardsGlobal }).AdaptiveCards;
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const protectedText = text.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_m: string, c: string) => `\uE000${c.charCodeAt(0)}\uE000`);
      const html = escapeHtml(protectedText)
        .replace(/\*\*(.+?)\*\*/gs, '<strong>$1</strong>')
        .replace(/\uE000(\d+)\uE000/g, (_m: string, code: string) => escapeHtml(String.fromCharCode(Number(code))))
        .replace(/\n/g, '<br>');
      result.outputHtml = html;
      result.didProcess = true;
    };
    const adaptiveCard = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    adaptiveCard.parse(json, context);
    const failures: string[] = [];
    for (let i = 0; i < context.eventCount; i++) failures.push(context.getEventAt(i).message);
    const validation = adaptiveCard.validateProperties();
    for (const e of validation.validationEvents) failures.push(e.message);
    const element = adaptiveCard.render();
    if (!element) return { failures: [...failures, 'render() gav inget'], text: '', buttons: [], html: '', bold: [] };
    const host = document.getElementById('host');
    if (!host) throw new Error('host saknas');
    host.innerHTML = '';
    host.appendChild(element);
    const buttons = [...element.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');
    const bold = [...element.querySelectorAll('strong')].map((b) => b.textContent ?? '');
    return { failures, text: element.innerText, buttons, html: element.innerHTML, bold };
  }, card);
}


/** What sticks out of a rendered card: elements whose content is wider than they are, or that reach past the card's edges. */
export async function overflowing(page: Page, selector = '#host'): Promise<string[]> {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const root = host?.firstElementChild;
    if (!(root instanceof HTMLElement)) return ['no card'];
    const edge = root.getBoundingClientRect();
    const found: string[] = [];
    const describe = (e: Element): string => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 50)}"`;
    for (const e of [root, ...root.querySelectorAll('*')]) {
      if (!(e instanceof HTMLElement) || e.offsetParent === null) continue;
      // A text field scrolls what is typed into it: that is not text cut off.
      const scrolls = e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement;
      if (!scrolls && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto' && getComputedStyle(e).overflowX !== 'scroll') found.push(`clipped: ${describe(e)} (${e.scrollWidth} > ${e.clientWidth})`);
      const r = e.getBoundingClientRect();
      if (r.width > 0 && (r.right > edge.right + 1 || r.left < edge.left - 1)) found.push(`outside the card: ${describe(e)}`);
    }
    return found;
  }, selector);
}
