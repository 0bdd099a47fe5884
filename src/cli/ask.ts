import { createInterface } from 'node:readline';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { sourceText } from '../knowledge/answerer.js';

/**
 * `npm run ask -- --json`: reads one question per line on stdin and answers each the way
 * the bot does. With --json, stdout carries exactly one JSON object per question; logs go
 * to stderr. Honours KNOWLEDGE_DIR.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const knowledge = new KnowledgeBase(config.knowledgeDir, log);
  const report = await knowledge.load();
  for (const f of report.failed) process.stderr.write(`Kunde inte läsa ${f.file}: ${f.error}\n`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const answer = knowledge.answer(line);
    if (json) {
      const out = {
        question: answer.question,
        answered: answer.answered,
        answer: answer.answer,
        // A footnote's definition above the passage and the footnotes below it are part of what the source shows.
        sources: answer.sources.map((s) => ({ document: s.document, title: s.title, section: s.section, page: s.page ?? null, excerpt: sourceText(s), score: s.score })),
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      const first = answer.sources[0];
      process.stdout.write(`\n${answer.answer}\n`);
      if (first) process.stdout.write(`  Källa: ${first.title} (${first.document}), ${first.section}${first.page !== undefined ? `, s. ${first.page}` : ''}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
