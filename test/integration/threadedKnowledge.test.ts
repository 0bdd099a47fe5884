import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { crashKnowledgeThread, testKnowledgeThread, ThreadedKnowledge } from '../../src/knowledge/threadedKnowledge.js';
import { createLogger } from '../../src/logger.js';
import { CORPUS_DIR } from '../helpers/botHarness.js';

const QUESTIONS = path.resolve(process.cwd(), '../shared/eval/qa-dev.jsonl');

async function devQuestions(): Promise<string[]> {
  const lines = (await readFile(QUESTIONS, 'utf8')).split('\n').filter(Boolean);
  return lines.map((l) => (JSON.parse(l) as { question: string }).question);
}

function collectingLogger(lines: Record<string, unknown>[]) {
  return createLogger('debug', 'planpiloten', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }).child({ module: 'knowledge' });
}

describe('knowledge on its own thread', () => {
  const logLines: Record<string, unknown>[] = [];
  let threaded: ThreadedKnowledge;
  let inProcess: KnowledgeBase;
  let questions: string[];

  beforeAll(async () => {
    questions = await devQuestions();
    inProcess = new KnowledgeBase(CORPUS_DIR);
    await inProcess.load();
    threaded = (await ThreadedKnowledge.start({ dir: CORPUS_DIR, debounceMs: 300, pollMs: 0 }, collectingLogger(logLines))).knowledge;
  });
  afterAll(async () => {
    await threaded.close();
  });
  afterEach(() => testKnowledgeThread());

  it('answers exactly as the index on the main thread does, with the same files and suggestions', async () => {
    for (const q of questions) expect(await threaded.answer(q)).toEqual(inProcess.answer(q));
    expect(await threaded.answer(questions[0] ?? '', { contextSize: 5 })).toEqual(inProcess.answer(questions[0] ?? '', undefined, { contextSize: 5 }));
    expect(threaded.files).toEqual(inProcess.documents.map((d) => d.file));
    expect(threaded.suggestedQuestions()).toEqual(inProcess.suggestedQuestions());
  });

  it("writes the thread's log lines with the main thread's logger, at their own level", () => {
    const loaded = logLines.find((l) => l.msg === 'knowledge loaded');
    expect(loaded).toMatchObject({ module: 'knowledge', level: 30, documents: inProcess.documents.length });
    expect(logLines.filter((l) => l.msg === 'knowledge loaded')).toHaveLength(1);
  });

  it('loses no question when the thread stops: it is started again and asked once more', async () => {
    const asked = questions.slice(0, 12);
    const answers = asked.map((q) => threaded.answer(q));
    await crashKnowledgeThread();
    const after = threaded.answer(asked[0] ?? '');
    expect(await Promise.all(answers)).toEqual(asked.map((q) => inProcess.answer(q)));
    expect(await after).toEqual(inProcess.answer(asked[0] ?? ''));
    expect(logLines.some((l) => l.msg === 'knowledge thread stopped' && l.restarting === true)).toBe(true);
    expect(threaded.files).toHaveLength(inProcess.documents.length);
  });

  it('gives up the one question the thread stopped on twice, and answers the others', async () => {
    testKnowledgeThread({ faults: { stopOn: 'GIFTIG' } });
    const [before, after] = [questions[2] ?? '', questions[3] ?? ''];
    const answers = [threaded.answer(before), threaded.answer('GIFTIG'), threaded.answer(after)];
    const [first, poisoned, last] = await Promise.allSettled(answers);
    expect(first).toEqual({ status: 'fulfilled', value: inProcess.answer(before) });
    expect(poisoned?.status === 'rejected' && String(poisoned.reason)).toMatch(/stopped twice/);
    expect(last).toEqual({ status: 'fulfilled', value: inProcess.answer(after) });
    expect(await threaded.answer(before)).toEqual(inProcess.answer(before));
    expect(threaded.files).toHaveLength(inProcess.documents.length);
  });

  it('stops a thread that hangs on a question, gives that question up and answers the rest', async () => {
    testKnowledgeThread({ faults: { hangOn: 'FASTNAR' }, answerTimeoutMs: 1_500 });
    const [before, after] = [questions[4] ?? '', questions[5] ?? ''];
    const [first, hung, last] = await Promise.allSettled([threaded.answer(before), threaded.answer('FASTNAR'), threaded.answer(after)]);
    expect(first).toEqual({ status: 'fulfilled', value: inProcess.answer(before) });
    expect(hung.status === 'rejected' && String(hung.reason)).toMatch(/in time/);
    expect(last).toEqual({ status: 'fulfilled', value: inProcess.answer(after) });
    expect(logLines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('knowledge thread did not answer in time'))).toBe(true);
  });

  it('after a restart that cannot read the folder, reports no documents and reads it again once it is back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-threaded-'));
    const folder = path.join(dir, 'docs');
    const lines: Record<string, unknown>[] = [];
    try {
      await mkdir(folder);
      await copyFile(path.join(CORPUS_DIR, 'timra-fardplan-digitalisera.txt'), path.join(folder, 'timra.txt'));
      const small = (await ThreadedKnowledge.start({ dir: folder, debounceMs: 50, pollMs: 0 }, collectingLogger(lines))).knowledge;
      await rename(folder, `${folder}-borta`);
      await crashKnowledgeThread();
      await expect.poll(() => small.files.length, { timeout: 10_000 }).toBe(0);
      expect(lines.some((l) => l.msg === 'knowledge reload after restart failed: trying again')).toBe(true);
      await rename(`${folder}-borta`, folder);
      await expect.poll(() => small.files, { timeout: 20_000 }).toEqual(['timra.txt']);
      expect((await small.answer('Vad är färdplanen Digitalisera Timrå?')).answered).toBe(true);
      await small.close();
      expect(threaded.files).toHaveLength(inProcess.documents.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('keeps folders apart on the one thread, follows a folder as it changes, and lets one close while another answers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-threaded-'));
    try {
      await copyFile(path.join(CORPUS_DIR, 'timra-fardplan-digitalisera.txt'), path.join(dir, 'timra.txt'));
      const small = (await ThreadedKnowledge.start({ dir, debounceMs: 50, pollMs: 0 }, collectingLogger([]))).knowledge;
      expect(small.files).toEqual(['timra.txt']);
      expect((await small.answer('Vad säger Mölndal om bredband?')).answered).toBe(false);
      expect((await threaded.answer('Vad säger Mölndal om bredband?')).answered).toBe(true);
      await copyFile(path.join(CORPUS_DIR, 'molndal-digital-agenda-2017-2019.md'), path.join(dir, 'molndal.md'));
      await expect.poll(() => small.files.length, { timeout: 10_000 }).toBe(2);
      expect((await small.answer('Vad säger Mölndal om bredband?')).answered).toBe(true);
      await small.close();
      await expect(small.answer('Vad säger Mölndal om bredband?')).rejects.toThrow(/closed/);
      expect((await threaded.answer('Vad säger Mölndal om bredband?')).answered).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a process up while it waits for the thread, and lets it end once nothing waits', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/knowledgeOnce.ts', CORPUS_DIR, 'Vad är Pios?'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ answered: true });
  });

  it('fails to start on a folder that cannot be read, and says why', async () => {
    await expect(ThreadedKnowledge.start({ dir: path.join(tmpdir(), 'pp-finns-inte'), debounceMs: 50, pollMs: 0 }, collectingLogger([]))).rejects.toThrow(/ENOENT/);
    expect((await threaded.answer(questions[1] ?? '')).answered).toBe(inProcess.answer(questions[1] ?? '').answered);
  });

  // Last: it ends answering for this file's folder.
  it('gives up when the thread keeps stopping with no question to blame: no documents, no answers', async () => {
    for (let stops = 0; stops < 5 && threaded.files.length > 0; stops++) {
      await crashKnowledgeThread();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(threaded.files).toEqual([]);
    await expect(threaded.answer(questions[0] ?? '')).rejects.toThrow(/closed/);
    expect(logLines.some((l) => l.msg === 'knowledge thread stopped' && l.restarting === false)).toBe(true);
  });
});
