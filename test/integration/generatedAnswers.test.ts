import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/qa/questionLog.js';
import { cardAction, CORPUS_DIR, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { MODEL_CONTEXT_SIZE, sourceText, type Source } from '../../src/knowledge/answerer.js';
import { holdsAnswer, readQuestions, textHoldsAnswer } from '../../src/cli/qaFitting.js';
import { FakeOpenAi } from '../helpers/openAiServer.js';
import { inputValue } from '../helpers/cardText.js';

interface Reply {
  text?: string;
  entities?: { additionalType?: string[]; citation?: { position: number; appearance: { name: string; keywords?: string[] } }[] }[];
  channelData?: { feedbackLoopEnabled?: boolean };
  attachments?: { content: unknown }[];
}

describe('generated answers with Azure OpenAI (local OpenAI-compatible server)', () => {
  const openAi = new FakeOpenAi();
  let h: Harness;
  beforeAll(async () => {
    await openAi.start();
    h = await startHarness({ env: { AZURE_OPENAI_ENDPOINT: openAi.url, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o', AZURE_OPENAI_API_KEY: 'test-key' }, openAiAgent: openAi.agent });
  });
  afterAll(async () => {
    await h?.close();
    await openAi.close();
  });

  it('writes the answer from the retrieved passages only, in Swedish, with citations and the AI label', async () => {
    openAi.reply('Pios är ett digitalt verktyg för portföljstyrning av projekt och förändringsinsatser [1].');
    const before = openAi.requests.length;
    await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:g1' }));
    const [reply] = await h.connector.waitFor('a:g1', 1);
    const body = reply!.body as Reply;
    expect(body.text).toContain('[1]');
    const entity = body.entities?.find((e) => e.additionalType?.includes('AIGeneratedContent'));
    expect(entity?.citation?.[0]?.position).toBe(1);
    expect(entity?.citation?.[0]?.appearance.keywords).toContain('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt');
    expect(body.channelData?.feedbackLoopEnabled).toBe(true);

    const request = openAi.requests[before]!;
    expect(request.path).toMatch(/^\/openai\/deployments\/gpt-4o\/chat\/completions\?api-version=/);
    expect(request.apiKey).toBe('test-key');
    const system = request.body.messages.find((m) => m.role === 'system')?.content ?? '';
    expect(system).toContain('Använd enbart det som står i källorna');
    expect(system).toContain('[1] ');
    expect(system).toContain('portföljstyrning');
    expect(request.body.messages.at(-1)).toEqual({ role: 'user', content: 'Vad är Pios?' });
    expect(request.body.messages[0]?.role).toBe('system');

    // Teams' own 👎 under the generated answer is stored on the question.
    const res = await h.post({
      ...teamsMessage('', { conversationId: 'a:g1' }),
      type: 'invoke',
      name: 'message/submitAction',
      text: undefined,
      replyToId: reply!.replyId,
      value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":""}' } },
    });
    expect(res.status).toBe(200);
    const log = new QuestionLog(h.bot.store);
    const ref = await log.byReply(reply!.replyId);
    expect(ref).toBeDefined();
    const record = await log.get(ref!);
    expect(record?.generated).toBe(true);
    expect(record?.feedback).toBe('down');
  });

  it('when the model finds no answer in the sources, the bot says so and records a knowledge gap', async () => {
    openAi.reply('INGET_SVAR');
    await h.post(teamsMessage('Vad är Dimios?', { conversationId: 'a:g2' }));
    const [reply] = await h.connector.waitFor('a:g2', 1);
    expect(JSON.stringify(reply!.body)).toContain('Det hittar jag inte i dokumenten');
    const gaps = await new QuestionLog(h.bot.store).unanswered(new Date().toISOString().slice(0, 7));
    expect(gaps.map((g) => g.question)).toContain('Vad är Dimios?');
  });

  it('when the model call fails, the retrieved passage is shown instead', async () => {
    openAi.fail(500);
    openAi.fail(500);
    await h.post(teamsMessage('Hur många av insatserna i planen är klara?', { conversationId: 'a:g3' }));
    const [reply] = await h.connector.waitFor('a:g3', 1);
    expect(JSON.stringify((reply!.body as Reply).attachments?.[0]?.content)).toContain('12 av 17');
  });

  // The check: what the model is given holds the answer as often as retrieval found
  // it (recall@5). Every in-scope question of the listed question files goes through
  // /api/messages; the prompt this server receives is read back, passage by passage.
  it('gives the model the five best passages: the prompt holds the answer as often as retrieval found it', async () => {
    const kb = new KnowledgeBase(CORPUS_DIR);
    await kb.load();
    const titleOf = new Map(kb.documents.map((d) => [d.file, d.title]));
    const files = [
      path.resolve('../shared/eval/qa-dev.jsonl'),
      path.resolve('../shared/eval/qa-dev2.jsonl'),
      ...['qa-own.jsonl', 'qa-own2.jsonl', 'qa-own3.jsonl', 'qa-own4.jsonl', 'qa-own5.jsonl', 'qa-own8.jsonl', 'qa-own9.jsonl', 'qa-own10.jsonl', 'qa-own11.jsonl', 'qa-own12.jsonl', 'qa-own13.jsonl', 'qa-own14.jsonl', 'qa-own15.jsonl', 'qa-own16.jsonl', 'qa-own17.jsonl', 'qa-own18.jsonl'].map((f) => path.resolve('eval', f)),
    ];
    const result: Record<string, { inScope: number; inPrompt: number; retrieved: number }> = {};
    let n = 0;
    for (const file of files) {
      const r = (result[path.basename(file)] = { inScope: 0, inPrompt: 0, retrieved: 0 });
      for (const q of readQuestions(file).filter((x) => x.document !== null)) {
        r.inScope++;
        const expected = kb.answer(q.question, undefined, { contextSize: MODEL_CONTEXT_SIZE });
        const holds = (s: Source): boolean => holdsAnswer(q, s.document, sourceText(s));
        const retrieved = expected.answered && (expected.context ?? []).some(holds);
        if (retrieved) r.retrieved++;
        const before = openAi.requests.length;
        const conversationId = `a:recall-${n++}`;
        await h.post(teamsMessage(q.question, { conversationId }));
        await h.connector.waitFor(conversationId, 1);
        const request = openAi.requests.slice(before).find((req) => req.body.messages.at(-1)?.content === q.question.replace(/\s+/g, ' ').trim());
        expect(Boolean(request), q.id).toBe(expected.answered);
        const system = request?.body.messages.find((m) => m.role === 'system')?.content ?? '';
        // "[n] title, section…:\npassage": the answer counts only in a passage of the right document.
        const blocks = system.split(/\n(?=\[\d+\] )/).filter((b) => /^\[\d+\] /.test(b));
        if (request) expect(blocks.length, q.id).toBe(expected.context?.length);
        // In the passage itself, not in its header line: a section title that is the answer ("vilka delar …?") is not the passage holding it.
        const passageText = (b: string): string => b.slice(b.indexOf('\n') + 1);
        const inPrompt = blocks.some((b) => b.startsWith(`[`) && b.includes(`] ${titleOf.get(q.document ?? '') ?? '?'}`) && textHoldsAnswer(q, passageText(b)));
        expect(inPrompt, q.id).toBe(retrieved);
        if (inPrompt) r.inPrompt++;
      }
    }
    process.stdout.write(`prompt recall: ${JSON.stringify(result)}\n`);
    // Floors at today's numbers (README, "Så hittas svaren"): 31 of 32, 47 of 51, 26 of 30
    // on qa-own4, 30 of 30 on each of qa-own5, qa-own8 and qa-own9, 28 of 30 on qa-own10, 25 of
    // 30 on qa-own11 (26 until stop 31 gave Alingsås' "Förslag till beslut" a passage of its own,
    // which put own11-03's passage sixth), and on the independent files 29 of 30 (qa-own15), 23
    // of 30 (qa-own16) and 26 of 30 on each of qa-own17 and qa-own18 (unseen until stop 22's final
    // measurement).
    expect(result['qa-own.jsonl']?.inPrompt).toBeGreaterThanOrEqual(31);
    expect((result['qa-dev.jsonl']?.inPrompt ?? 0) + (result['qa-dev2.jsonl']?.inPrompt ?? 0)).toBeGreaterThanOrEqual(47);
    expect(result['qa-own4.jsonl']?.inPrompt).toBeGreaterThanOrEqual(26);
    expect(result['qa-own5.jsonl']?.inPrompt).toBeGreaterThanOrEqual(30);
    expect(result['qa-own8.jsonl']?.inPrompt).toBeGreaterThanOrEqual(30);
    expect(result['qa-own9.jsonl']?.inPrompt).toBeGreaterThanOrEqual(30);
    expect(result['qa-own10.jsonl']?.inPrompt).toBeGreaterThanOrEqual(28);
    expect(result['qa-own11.jsonl']?.inPrompt).toBeGreaterThanOrEqual(25);
    expect(result['qa-own15.jsonl']?.inPrompt).toBeGreaterThanOrEqual(29);
    expect(result['qa-own16.jsonl']?.inPrompt).toBeGreaterThanOrEqual(23);
    expect(result['qa-own17.jsonl']?.inPrompt).toBeGreaterThanOrEqual(26);
    expect(result['qa-own18.jsonl']?.inPrompt).toBeGreaterThanOrEqual(26);
  }, 900_000);

  it('a question the documents do not cover never reaches the model', async () => {
    const before = openAi.requests.length;
    await h.post(teamsMessage('Hur söker jag bygglov för ett garage?', { conversationId: 'a:g4' }));
    await h.connector.waitFor('a:g4', 1);
    expect(openAi.requests.length).toBe(before);
  });
});

describe('without Azure OpenAI settings', () => {
  it('no model is called: the answer is the retrieved passage as a card, not a generated text', async () => {
    const lines: string[] = [];
    const h = await startHarness({ logLines: lines });
    try {
      await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:g5' }));
      const [reply] = await h.connector.waitFor('a:g5', 1);
      const body = reply!.body as Reply;
      expect(body.attachments?.length).toBe(1);
      expect(body.entities ?? []).toEqual([]);
      expect(body.channelData?.feedbackLoopEnabled).toBeUndefined();
      const started = lines.map((l) => JSON.parse(l) as { msg: string; generatedAnswers?: boolean }).find((l) => l.msg === 'Planpiloten is listening');
      expect(started?.generatedAnswers).toBe(false);
      expect(lines.join('\n')).not.toContain('"event":"generated_answer"');
    } finally {
      await h.close();
    }
  });
});

describe('free-text registration with Azure OpenAI suggests more fields', () => {
  const openAi = new FakeOpenAi();
  let h: Harness;
  beforeAll(async () => {
    await openAi.start();
    h = await startHarness({
      knowledgeDir: path.resolve('knowledge'),
      env: { AZURE_OPENAI_ENDPOINT: openAi.url, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o', AZURE_OPENAI_API_KEY: 'test-key' },
      openAiAgent: openAi.agent,
    });
  });
  afterAll(async () => {
    await h?.close();
    await openAi.close();
  });

  it('keeps valid suggestions as card defaults, and drops what the plan does not have', async () => {
    openAi.reply('{"name": "Digitala lås", "goalArea": 1, "action": "1C", "category": "effektiviserande", "phase": "förstudie", "organisation": "Hittepå"}');
    await h.post(teamsMessage('Vi ska införa digitala lås i hemtjänsten', { conversationId: 'a:pre1', userId: 'pre' }));
    const [reply] = await h.connector.waitFor('a:pre1', 1);
    const card = reply!.body.attachments![0]!.content as { actions: { title: string; data: Record<string, string> }[] };
    expect(inputValue(card, 'about.name')).toBe('Digitala lås');
    expect(inputValue(card, 'about.organisation')).toBe('');
    const prompt = openAi.requests.at(-1)!.body.messages;
    expect(prompt[0]?.content).toContain('1C:');
    expect(prompt.at(-1)?.content).toBe('Vi ska införa digitala lås i hemtjänsten');
    const next = card.actions.find((a) => a.title === 'Nästa')!;
    const res = await h.post(
      cardAction('registration', { ...next.data, name: 'Digitala lås', description: 'Vi ska införa digitala lås i hemtjänsten', organisation: 'Utbildningsförvaltningen', contact: '' }, { conversationId: 'a:pre1', userId: 'pre' }),
    );
    const step2 = ((await res.json()) as { value: unknown }).value;
    expect(inputValue(step2, 'plan.goalArea')).toBe('1');
    expect(inputValue(step2, 'plan.action')).toBe('1C');
    expect(inputValue(step2, 'plan.category')).toBe('effektiviserande');
  });

  it('a suggestion outside the plan, or no JSON at all, is ignored', async () => {
    openAi.reply('Jag tycker {"goalArea": 9, "action": "9Z", "category": "DROP TABLE"}');
    await h.post(teamsMessage('Vi ska införa robotar på biblioteket', { conversationId: 'a:pre2', userId: 'pre2' }));
    const [reply] = await h.connector.waitFor('a:pre2', 1);
    expect(inputValue(reply!.body.attachments![0]!.content, 'about.name')).toBe('Robotar på biblioteket');
  });
});
