import { ThreadedKnowledge } from '../../src/knowledge/threadedKnowledge.js';
import { createLogger } from '../../src/logger.js';

/** Opens a folder on the knowledge thread, asks one question, closes: the process must then end by itself. */
const [dir = '', question = ''] = process.argv.slice(2);
const { knowledge } = await ThreadedKnowledge.start({ dir, debounceMs: 300, pollMs: 0 }, createLogger('silent'));
const answer = await knowledge.answer(question);
await knowledge.close();
process.stdout.write(`${JSON.stringify({ answered: answer.answered })}\n`);
