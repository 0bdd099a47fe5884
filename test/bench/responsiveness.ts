import { monitorEventLoopDelay } from 'node:perf_hooks';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { ThreadedKnowledge } from '../../src/knowledge/threadedKnowledge.js';
import { createLogger } from '../../src/logger.js';

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

interface Run {
  /** How late the event loop ran (what every other turn waits), p99 and worst. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** From the question's turn to its answer, waiting included. */
  answerP50Ms: number;
  answerP95Ms: number;
}

/** `askers` in flight, each yielding to the event loop before its next question, as turns do. */
async function run(ask: (q: string) => Promise<unknown>, qs: readonly string[], total: number, askers: number): Promise<Run> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const times: number[] = [];
  let next = 0;
  delay.enable();
  await Promise.all(
    Array.from({ length: askers }, async () => {
      while (next < total) {
        const q = qs[next++ % qs.length] ?? '';
        // From the turn's start: on the main thread it also waits for the searches ahead of it.
        const t = performance.now();
        await new Promise((r) => setImmediate(r));
        await ask(q);
        times.push(performance.now() - t);
      }
    }),
  );
  delay.disable();
  times.sort((a, b) => a - b);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { loopDelayP99Ms: round(delay.percentile(99) / 1e6), loopDelayMaxMs: round(delay.max / 1e6), answerP50Ms: round(at(0.5)), answerP95Ms: round(at(0.95)) };
}

/**
 * What a search costs everyone else: questions on `dir` answered on the main thread (the
 * baseline, as before the knowledge thread) and on the knowledge thread, measured in the
 * same process on the same questions. The event loop delay is what a card submission or a
 * follow-up answer arriving meanwhile would wait.
 */
export async function responsiveness(dir: string, qs: readonly string[], total = 400, askers = 16): Promise<{ mainThread: Run; knowledgeThread: Run }> {
  const kb = new KnowledgeBase(dir);
  await kb.load();
  const { knowledge } = await ThreadedKnowledge.start({ dir, debounceMs: 300, pollMs: 0 }, createLogger('silent'));
  try {
    for (const q of qs) {
      kb.answer(q);
      await knowledge.answer(q);
    }
    const mainThread = await run((q) => Promise.resolve(kb.answer(q)), qs, total, askers);
    const knowledgeThread = await run((q) => knowledge.answer(q), qs, total, askers);
    return { mainThread, knowledgeThread };
  } finally {
    kb.close();
    await knowledge.close();
  }
}
