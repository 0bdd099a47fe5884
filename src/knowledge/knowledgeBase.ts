import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { isSupportedFile, loadDocument } from './ingest/loadDocument.js';
import type { ParsedDocument } from './ingest/types.js';
import { SearchIndex } from './searchIndex.js';
import { answerQuestion, type Answer, type AnswerOptions, type AnswerParams } from './answerer.js';
import { loadSwedishSpeller } from './text/speller.js';
import { suggestQuestions } from './suggestedQuestions.js';

export interface LoadReport {
  documents: number;
  passages: number;
  /** Files that could not be parsed, by name, with the reason. */
  failed: { file: string; error: string }[];
  millis: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && isSupportedFile(e.name) && !e.name.startsWith('.') && !e.name.startsWith('~$'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Names, sizes and modification times: enough to see that the folder changed. */
async function signatureOf(files: string[]): Promise<string> {
  const stats = await Promise.all(files.map(async (f) => stat(f).then((s) => `${f}|${s.size}|${s.mtimeMs}`, () => `${f}|gone`)));
  return stats.join('\n');
}

/**
 * The documents of one folder, parsed and indexed. The folder is watched: a change
 * rebuilds the index in the background and swaps it in when ready, so answers follow the
 * folder without a restart. A document that cannot be parsed is reported and skipped.
 */
export class KnowledgeBase {
  private index: SearchIndex = new SearchIndex([]);
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<LoadReport> | undefined;
  private pendingReload = false;
  private poller: NodeJS.Timeout | undefined;
  private signature = '';
  private suggestions: { index: SearchIndex; questions: string[] } | undefined;
  private readonly listeners: ((report: LoadReport) => void)[] = [];

  constructor(
    readonly dir: string,
    private readonly log?: Logger,
  ) {}

  get documents(): readonly ParsedDocument[] {
    return this.index.documents;
  }

  /** Parses every supported file in the folder and swaps in a new index. */
  async load(): Promise<LoadReport> {
    if (this.loading) {
      this.pendingReload = true;
      return this.loading;
    }
    this.loading = this.build().finally(() => {
      this.loading = undefined;
      if (this.pendingReload) {
        this.pendingReload = false;
        void this.load();
      }
    });
    return this.loading;
  }

  private async build(): Promise<LoadReport> {
    const started = performance.now();
    const files = await listFiles(this.dir);
    this.signature = await signatureOf(files);
    const failed: LoadReport['failed'] = [];
    const documents: ParsedDocument[] = [];
    for (const file of files) {
      try {
        documents.push(await loadDocument(file));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failed.push({ file: path.relative(this.dir, file), error: reason });
        this.log?.warn({ file: path.relative(this.dir, file), reason }, 'document skipped: could not be parsed');
      }
    }
    // Without the dictionary every unknown word counts in full: answers still work, refusals are stricter.
    const speller = await loadSwedishSpeller().catch((error: unknown) => {
      this.log?.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Swedish dictionary not loaded');
      return undefined;
    });
    this.index = new SearchIndex(documents, speller);
    const report = { documents: documents.length, passages: this.index.passages.length, failed, millis: Math.round(performance.now() - started) };
    this.log?.info({ documents: report.documents, passages: report.passages, failed: failed.length, ms: report.millis }, 'knowledge loaded');
    for (const listener of this.listeners) listener(report);
    return report;
  }

  /**
   * Rebuilds the index shortly after the folder changes. Change events only cover changes
   * made on this machine; with `pollMs` the folder is also compared every so often, which
   * is what notices a document uploaded to an Azure Files share from elsewhere.
   */
  watch(debounceMs = 300, pollMs = 0): void {
    if (pollMs > 0 && !this.poller) {
      this.poller = setInterval(() => {
        this.changedSinceLoad()
          .then((changed) => (changed ? this.load().then(() => undefined) : undefined))
          .catch((error: unknown) => this.log?.error({ err: error }, 'knowledge poll failed'));
      }, pollMs);
      this.poller.unref();
    }
    if (this.watcher) return;
    this.watcher = watch(this.dir, { recursive: false }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.load().catch((error: unknown) => this.log?.error({ err: error }, 'knowledge reload failed'));
      }, debounceMs);
    });
    this.watcher.on('error', (error) => this.log?.error({ err: error }, 'knowledge folder watch failed'));
  }

  /** Called after every load, the first and each reload the folder's changes start. */
  onLoaded(listener: (report: LoadReport) => void): void {
    this.listeners.push(listener);
  }

  /** True when a file was added, removed, resized or touched since the last load. */
  async changedSinceLoad(): Promise<boolean> {
    return (await signatureOf(await listFiles(this.dir))) !== this.signature;
  }

  close(): void {
    clearInterval(this.poller);
    this.poller = undefined;
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** The current index, for evaluation and fitting. */
  get searchIndex(): SearchIndex {
    return this.index;
  }

  /**
   * Questions the loaded documents answer, made from their headings, for the welcome card.
   * Worked out once per index: the folder changing gives new suggestions.
   */
  suggestedQuestions(max = 2): string[] {
    const index = this.index;
    if (this.suggestions?.index !== index) this.suggestions = { index, questions: suggestQuestions(index.documents, (q) => answerQuestion(index, q), max) };
    return this.suggestions.questions.slice(0, max);
  }

  /** Answers from the current index; `params` replace the shipped, fitted ones. */
  answer(question: string, params?: AnswerParams, options?: AnswerOptions): Answer {
    return answerQuestion(this.index, question, params, options);
  }
}
