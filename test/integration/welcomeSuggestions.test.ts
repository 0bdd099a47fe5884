import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, startHarness, teamsMessage } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';

interface Captured {
  body: { text?: string; attachments?: { content: Record<string, unknown> }[] };
}

/** The `{ ask }` data of the welcome card's Action.Submit buttons, in order. */
function suggestions(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (o.type === 'Action.Submit' && typeof data?.ask === 'string') found.push(data.ask);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const cardOf = (a: Captured | undefined): unknown => a?.body.attachments?.[0]?.content;

/**
 * Over HTTP as Teams sends it: every question the welcome card suggests, pressed (a
 * message with only the button's value, as Action.Submit arrives), gets an answer and no
 * refusal, for the bundled folder and for a real set of documents. No `msteams` imBack is
 * left on the cards (the Playground's client throws on it).
 */
describe('welcome suggestions are questions the bot answers', () => {
  for (const [name, dir, bundled] of [['the bundled ./knowledge', path.resolve('knowledge'), true], ['KNOWLEDGE_DIR=../shared/corpus', CORPUS_DIR, false]] as const) {
    it(`${name}: each suggestion pressed is answered; the start log says whether the folder is the example`, async () => {
      const logLines: string[] = [];
      const h = await startHarness({ knowledgeDir: dir, logLines });
      try {
        const conversationId = `a:welcome-${bundled ? 'b' : 'c'}`;
        await h.post(teamsMessage('hjälp', { conversationId }));
        const [welcome] = (await h.connector.waitFor(conversationId, 1)) as Captured[];
        const card = cardOf(welcome);
        expect(JSON.stringify(card)).not.toContain('imBack');
        const asked = suggestions(card);
        expect(asked.at(-1)).toBe('Registrera insats');
        const questions = asked.slice(0, -1);
        expect(questions.length).toBeGreaterThanOrEqual(2);
        expect(questions.join(' ')).not.toMatch(/Pios/);
        for (const [i, question] of questions.entries()) {
          await h.post(teamsMessage('', { conversationId, value: { ask: question } }));
          const replies = (await h.connector.waitFor(conversationId, i + 2)) as Captured[];
          const text = textOf(cardOf(replies[i + 1]));
          expect(text, question).toContain('Källa');
          expect(text, question).not.toMatch(/hittar jag inte|står inte i dokumenten/);
        }
        // "Visa vad jag kan" on the fallback card sends "hjälp" the same way.
        await h.post(teamsMessage('', { conversationId, value: { ask: 'hjälp' } }));
        const all = (await h.connector.waitFor(conversationId, questions.length + 2)) as Captured[];
        expect(textOf(cardOf(all.at(-1)))).toContain('Hej! Jag är Planpiloten');
        const example = logLines.some((l) => l.includes('KNOWLEDGE_DIR is the bundled example folder'));
        expect(example).toBe(bundled);
        if (bundled) expect(logLines.find((l) => l.includes('bundled example folder'))).toContain('om-planpiloten.md');
      } finally {
        await h.close();
      }
    });
  }
});
