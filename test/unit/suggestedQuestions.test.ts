import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { typedText, TYPED_TEXT_FIELD } from '../../bot/features/typedButtons.js';
import { CORPUS_DIR } from '../helpers/botHarness.js';

describe('suggested questions come from what is loaded and get answers', () => {
  for (const [name, dir] of [['the default folder ./knowledge', path.resolve('knowledge')], ['KNOWLEDGE_DIR=../shared/corpus', CORPUS_DIR]] as const) {
    it(`${name}: two suggestions, each answered from the document it came from, short enough for a phone`, async () => {
      const kb = new KnowledgeBase(dir);
      await kb.load();
      const questions = kb.suggestedQuestions();
      expect(questions).toHaveLength(2);
      const files = new Set<string>();
      for (const question of questions) {
        const answer = kb.answer(question);
        expect(answer.answered, question).toBe(true);
        expect(answer.reason, question).toBeUndefined();
        files.add(answer.sources[0]?.document ?? '');
        expect(question.length).toBeLessThanOrEqual(40);
        expect(question).toMatch(/^\p{Lu}.*\?$/u);
      }
      expect(files.size, 'from two different documents').toBe(2);
    });
  }

  it('never suggests what the folder does not hold (Pios is only in the corpus)', async () => {
    const kb = new KnowledgeBase(path.resolve('knowledge'));
    await kb.load();
    expect(kb.answer('Vad är Pios?').answered).toBe(false);
    expect(kb.suggestedQuestions().join(' ')).not.toMatch(/Pios/i);
  });

  it('an empty folder suggests nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-empty-'));
    const kb = new KnowledgeBase(dir);
    await kb.load();
    expect(kb.documents).toHaveLength(0);
    expect(kb.suggestedQuestions()).toEqual([]);
    await rm(dir, { recursive: true });
  });
});

describe('typed-message buttons', () => {
  it('a submit with the typed field and no text is read as that text; anything else is not', () => {
    expect(typedText({ type: 'message', text: '', value: { [TYPED_TEXT_FIELD]: ' hjälp ' } })).toBe('hjälp');
    expect(typedText({ type: 'message', value: { [TYPED_TEXT_FIELD]: 'Vad gör Planpiloten?' } })).toBe('Vad gör Planpiloten?');
    expect(typedText({ type: 'message', text: 'annat', value: { [TYPED_TEXT_FIELD]: 'hjälp' } })).toBeUndefined();
    expect(typedText({ type: 'message', value: { verb: 'registration' } })).toBeUndefined();
    expect(typedText({ type: 'message', value: { [TYPED_TEXT_FIELD]: 42 } })).toBeUndefined();
    expect(typedText({ type: 'message', value: { [TYPED_TEXT_FIELD]: 'x'.repeat(5000) } })).toBeUndefined();
    expect(typedText({ type: 'invoke', value: { [TYPED_TEXT_FIELD]: 'hjälp' } })).toBeUndefined();
  });
});
