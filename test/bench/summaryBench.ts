import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summaryCard } from '../../bot/summaryCards.js';
import { loadConfig } from '../../src/config.js';
import type { PersonContact } from '../../src/conversations/conversationReferences.js';
import type { FollowUpRecord } from '../../src/followUp/followUpAnswer.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import type { OutboxItem } from '../../src/outbox/outboxRepository.js';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';
import type { QuestionRecord } from '../../src/qa/questionLog.js';
import type { CollectionName, DocumentStore, StoredDocument } from '../../src/storage/documentStore.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { PortfolioReader } from '../../src/summary/portfolioReader.js';
import { summarise, TOP_ITEMS, type PortfolioData, type PortfolioSummary, type SummaryScope } from '../../src/summary/portfolioSummary.js';
import { reportedWeek } from '../../src/summary/summaryWeek.js';
import { localDate, type Clock } from '../../src/time/clock.js';
import { addDays, stockholmInstant } from '../../src/time/swedishCalendar.js';
import { startCosmos } from '../helpers/cosmos.js';
import { generatePortfolio, withLongestTexts, type PortfolioFixture } from '../helpers/portfolioFixture.js';

/** The weekly card's size budget at 10,000 initiatives, well inside Teams' card limit (about 80 KB). */
export const CARD_LIMIT_BYTES = 28 * 1024;

/** Monday 23 November 2026, 08:00 in Stockholm: the weekly summary of week 47 goes out. */
const NOW = new Date('2026-11-23T07:00:00.000Z');
const clock: Clock = { now: () => NOW };

/** Collects garbage when node runs with --expose-gc (npm run bench does), so no run pays for the one before. */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Writes documents through the store's own API, `concurrency` at a time. */
async function seedCollection(store: DocumentStore, name: CollectionName, docs: readonly StoredDocument[], concurrency: number): Promise<void> {
  const collection = store.collection<StoredDocument>(name);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < docs.length) {
        const doc = docs[next++];
        if (doc) await collection.upsert(doc);
      }
    }),
  );
}

async function seed(store: DocumentStore, fixture: PortfolioFixture, concurrency: number): Promise<{ documents: number; seconds: number }> {
  const started = performance.now();
  await seedCollection(store, 'initiatives', fixture.initiatives, concurrency);
  await seedCollection(store, 'followups', fixture.followups, concurrency);
  await seedCollection(store, 'outbox', fixture.outbox, concurrency);
  await seedCollection(store, 'conversations', fixture.contacts, concurrency);
  await seedCollection(store, 'questions', fixture.questions, concurrency);
  const documents = fixture.initiatives.length + fixture.followups.length + fixture.outbox.length + fixture.contacts.length + fixture.questions.length;
  return { documents, seconds: round((performance.now() - started) / 1000) };
}

/**
 * The queries PortfolioReader.read issues, with the same collections and filters, issued the
 * same way (all at once), the documents read and dropped: the floor a summary cannot go below.
 * Kept beside the reader by hand; `measureStore` checks that both read the same documents.
 */
async function bareRead(store: DocumentStore, scope: SummaryScope, reminderDays: number): Promise<Record<string, number>> {
  const start = stockholmInstant(scope.from, 0).toISOString();
  const end = stockholmInstant(addDays(scope.to, 1), 0).toISOString();
  const overdueBefore = stockholmInstant(addDays(scope.today, -(2 * reminderDays + 2)), 0).toISOString();
  // A week touches one month's partition or two, as the reader's monthsOf finds them.
  const months = [...new Set([scope.from.slice(0, 7), scope.to.slice(0, 7)])];
  const [initiatives, answered, overdue, contacts, failed, questions] = await Promise.all([
    store.collection<Initiative>('initiatives').query(undefined, {
      where: [{ field: 'type', op: '=', value: 'initiative' }, ...(scope.organisation ? [{ field: 'organisation', op: '=' as const, value: scope.organisation }] : [])],
    }),
    store.collection<FollowUpRecord>('followups').query(undefined, {
      where: [
        { field: 'answeredAt', op: '>=', value: start },
        { field: 'answeredAt', op: '<', value: end },
      ],
    }),
    store.collection<OutboxItem>('outbox').query(undefined, {
      where: [
        { field: 'kind', op: '=', value: 'followUp' },
        { field: 'status', op: '=', value: 'sent' },
        { field: 'answeredAt', op: '=', value: null },
        { field: 'sentAt', op: '<', value: overdueBefore },
      ],
    }),
    store.collection<PersonContact>('conversations').query(undefined, { where: { status: 'unreachable' } }),
    store.collection<OutboxItem>('outbox').query(undefined, { where: { status: 'unreachable' } }),
    Promise.all(
      months.map((month) =>
        store.collection<QuestionRecord>('questions').query(month, {
          where: [
            { field: 'askedAt', op: '>=', value: start },
            { field: 'askedAt', op: '<', value: end },
          ],
        }),
      ),
    ),
  ]);
  return { initiatives: initiatives.length, answered: answered.length, overdue: overdue.length, unreachableContacts: contacts.length, unreachableItems: failed.length, questions: questions.flat().length };
}

interface Phases {
  readMs: number;
  summariseMs: number;
  cardMs: number;
  totalMs: number;
  cardBytes: number;
}

/** One weekly summary as the bot makes it: read, compute, render, serialise. */
async function fullSummary(reader: PortfolioReader, plan: PlanDefinition, scope: SummaryScope): Promise<Phases & { data: PortfolioData; summary: PortfolioSummary }> {
  const t0 = performance.now();
  const data = await reader.read(scope);
  const t1 = performance.now();
  const summary = summarise(data, scope, plan);
  const t2 = performance.now();
  const card = JSON.stringify(summaryCard(summary, true));
  const t3 = performance.now();
  return { readMs: t1 - t0, summariseMs: t2 - t1, cardMs: t3 - t2, totalMs: t3 - t0, cardBytes: Buffer.byteLength(card), data, summary };
}

async function measureStore(store: DocumentStore, fixture: PortfolioFixture, plan: PlanDefinition, reminderDays: number, runs: number, concurrency: number): Promise<Record<string, unknown>> {
  const seeded = await seed(store, fixture, concurrency);
  const today = localDate(NOW);
  const scope: SummaryScope = { organisation: null, ...reportedWeek(today), today };
  const reader = new PortfolioReader(store, reminderDays);

  const warmBare = await bareRead(store, scope, reminderDays);
  const warm = await fullSummary(reader, plan, scope);
  const { data } = warm;
  // The bare read must read what the reader reads, or the ratio means nothing.
  const expected = { initiatives: data.initiatives.length, answered: data.answered.length, questions: data.questions.length };
  for (const [key, value] of Object.entries(expected)) {
    if (warmBare[key] !== value) throw new Error(`bare read and PortfolioReader disagree on ${key}: ${String(warmBare[key])} vs ${value}`);
  }
  if (warm.summary.total !== fixture.initiatives.length) throw new Error(`summary counted ${warm.summary.total} of ${fixture.initiatives.length} initiatives`);

  const bare: number[] = [];
  const full: Phases[] = [];
  for (let r = 0; r < runs; r++) {
    // Alternate the order so neither always runs on a warmer machine.
    const timeBare = async (): Promise<void> => {
      gc();
      const t = performance.now();
      await bareRead(store, scope, reminderDays);
      bare.push(performance.now() - t);
    };
    if (r % 2 === 0) await timeBare();
    gc();
    full.push(await fullSummary(reader, plan, scope));
    if (r % 2 === 1) await timeBare();
  }
  const bareMs = median(bare);
  const summaryMs = median(full.map((f) => f.totalMs));
  const longest = (responsibleLength: number): { bytes: number; withinLimit: boolean } => {
    const bytes = Buffer.byteLength(JSON.stringify(summaryCard(summarise(withLongestTexts(data, responsibleLength), scope, plan), true)));
    return { bytes, withinLimit: bytes < CARD_LIMIT_BYTES };
  };
  const lists = [warm.summary.changes.new, warm.summary.changes.changed, warm.summary.changes.closed];
  return {
    seeded,
    documentsRead: warmBare,
    runs,
    bareReadMs: round(bareMs),
    summaryMs: round(summaryMs),
    ratio: round(summaryMs / bareMs, 2),
    ratioWithinAim: summaryMs / bareMs <= 1.5,
    summaryPhasesMedianMs: {
      read: round(median(full.map((f) => f.readMs))),
      summarise: round(median(full.map((f) => f.summariseMs))),
      cardAndStringify: round(median(full.map((f) => f.cardMs))),
    },
    bareReadRunsMs: bare.map((x) => round(x)),
    summaryRunsMs: full.map((f) => round(f.totalMs)),
    cardBytes: warm.cardBytes,
    cardLimitBytes: CARD_LIMIT_BYTES,
    cardWithinLimit: warm.cardBytes < CARD_LIMIT_BYTES,
    // Every text the card shows at its longest (names 120, questions 200), without and with a 200-character responsible person.
    cardLongestTexts: { responsibleEmpty: longest(0), responsible200: longest(200) },
    listsCapped: lists.every((l) => l.top.length <= TOP_ITEMS),
    counts: { total: warm.summary.total, new: lists[0]?.count, changed: lists[1]?.count, closed: lists[2]?.count, ...warm.summary.followUps, questionsAsked: warm.summary.knowledge.asked },
  };
}

export interface SummaryBenchOptions {
  /** Initiatives on the embedded store (default 10,000). */
  initiatives: number;
  /** Initiatives on the in-process Cosmos server, which scans every query in JavaScript. */
  cosmosInitiatives: number;
  runs: number;
  cosmosRuns: number;
}

/**
 * The weekly summary against each store, in this process: a bare read (the reader's
 * queries, results dropped) beside a full summary (read, summarise, card, JSON), medians
 * after one warm-up, and the card's size against CARD_LIMIT_BYTES.
 */
export async function summaryBenchmark(options: SummaryBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env);
  const plan = await loadPlan(BUNDLED_PLAN_FILE);
  const reminderDays = config.followUp.reminderDays;
  const make = (initiatives: number): PortfolioFixture => generatePortfolio({ initiatives, organisations: config.organisations, plan, now: clock.now() });
  const shape = (f: PortfolioFixture): Record<string, number> => ({
    initiatives: f.initiatives.length,
    followups: f.followups.length,
    outbox: f.outbox.length,
    conversations: f.contacts.length,
    questions: f.questions.length,
  });

  const dir = await mkdtemp(path.join(tmpdir(), 'pp-bench-summary-'));
  const result: Record<string, unknown> = { now: NOW.toISOString(), organisations: config.organisations.length, goalAreas: plan.goalAreas.length };
  try {
    const sqliteAt = async (f: PortfolioFixture, name: string): Promise<Record<string, unknown>> => {
      const sqlite = new SqliteStore(path.join(dir, name), { clock, purgeIntervalMs: 0 });
      try {
        return { portfolio: shape(f), ...(await measureStore(sqlite, f, plan, reminderDays, options.runs, 512)) };
      } finally {
        await sqlite.close();
      }
    };
    const fixture = make(options.initiatives);
    result.embeddedSqlite = await sqliteAt(fixture, 'full');
    const cosmosFixture = options.cosmosInitiatives === options.initiatives ? fixture : make(options.cosmosInitiatives);
    // The same smaller portfolio on SQLite too, so the two stores compare like for like.
    if (cosmosFixture !== fixture) result.embeddedSqliteAtCosmosScale = await sqliteAt(cosmosFixture, 'cosmos-scale');
    const cosmos = await startCosmos();
    try {
      result.cosmosInProcessServer = { portfolio: shape(cosmosFixture), ...(await measureStore(cosmos.store(), cosmosFixture, plan, reminderDays, options.cosmosRuns, 64)) };
    } finally {
      await cosmos.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}
