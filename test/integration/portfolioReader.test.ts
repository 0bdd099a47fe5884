import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentStore, StoredDocument } from '../../src/storage/documentStore.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { PortfolioReader } from '../../src/summary/portfolioReader.js';
import type { PortfolioData, SummaryScope } from '../../src/summary/portfolioSummary.js';
import { startCosmos, type LocalCosmos } from '../helpers/cosmos.js';

const scope: SummaryScope = { organisation: 'Org A', from: '2026-11-16', to: '2026-11-22', today: '2026-11-23' };

function initiative(id: string, organisation: string): StoredDocument & Record<string, unknown> {
  return { id, pk: id, type: 'initiative', name: id, organisation, ownerId: `owner-${id}`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}

/** The same small world in a store: what is in the week and what is not, on each side of every filter. */
async function seed(store: DocumentStore): Promise<void> {
  const put = (collection: Parameters<DocumentStore['collection']>[0], doc: StoredDocument & Record<string, unknown>) => store.collection(collection).create(doc);
  await Promise.all([
    put('initiatives', initiative('a1', 'Org A')),
    put('initiatives', initiative('a2', 'Org A')),
    put('initiatives', initiative('b1', 'Org B')),
    // Answers: in the week (Stockholm time), just before it, just after it.
    put('followups', { id: 'p1', pk: 'a1', type: 'follow-up', initiativeId: 'a1', answeredAt: '2026-11-15T23:30:00Z' }),
    put('followups', { id: 'p2', pk: 'a2', type: 'follow-up', initiativeId: 'a2', answeredAt: '2026-11-15T22:30:00Z' }),
    put('followups', { id: 'p3', pk: 'b1', type: 'follow-up', initiativeId: 'b1', answeredAt: '2026-11-22T23:30:00Z' }),
    // Prompts: sent long ago and unanswered (overdue), answered, sent recently, and one not sent.
    put('outbox', { id: 'o1', pk: 'o1', kind: 'followUp', status: 'sent', initiativeId: 'a1', recipientId: 'owner-a1', sentAt: '2026-10-01T08:00:00Z', answeredAt: null }),
    put('outbox', { id: 'o2', pk: 'o2', kind: 'followUp', status: 'sent', initiativeId: 'a2', recipientId: 'owner-a2', sentAt: '2026-10-01T08:00:00Z', answeredAt: '2026-10-02T08:00:00Z' }),
    put('outbox', { id: 'o3', pk: 'o3', kind: 'followUp', status: 'sent', initiativeId: 'a2', recipientId: 'owner-a2', sentAt: '2026-11-20T08:00:00Z', answeredAt: null }),
    put('outbox', { id: 'o4', pk: 'o4', kind: 'followUp', status: 'unreachable', initiativeId: 'a2', recipientId: 'owner-a2', lastError: 'NeverInstalled', sentAt: null, answeredAt: null }),
    put('outbox', { id: 'o5', pk: 'o5', kind: 'reminder', status: 'sent', initiativeId: 'a1', recipientId: 'owner-a1', sentAt: '2026-10-01T08:00:00Z', answeredAt: null }),
    put('conversations', { id: 'owner-b1', pk: 'owner-b1', type: 'person-contact', personId: 'owner-b1', status: 'unreachable', reason: 'ConversationBlockedByUser', address: null }),
    put('conversations', { id: 'owner-a1', pk: 'owner-a1', type: 'person-contact', personId: 'owner-a1', status: 'reachable', reason: null, address: null }),
    // Questions: in the week, in another month's partition before it, and after it.
    put('questions', { id: 'q1', pk: '2026-11', type: 'question', question: 'Vad kostar Pios?', answered: false, feedback: null, askedAt: '2026-11-18T10:00:00Z' }),
    put('questions', { id: 'q2', pk: '2026-11', type: 'question', question: 'Vem äger planen?', answered: true, feedback: 'down', askedAt: '2026-11-22T22:00:00Z' }),
    put('questions', { id: 'q3', pk: '2026-10', type: 'question', question: 'Gammal fråga', answered: false, feedback: null, askedAt: '2026-10-30T10:00:00Z' }),
    put('questions', { id: 'q4', pk: '2026-11', type: 'question', question: 'Ny fråga', answered: false, feedback: null, askedAt: '2026-11-23T10:00:00Z' }),
  ]);
}

function comparable(data: PortfolioData): unknown {
  return {
    initiatives: data.initiatives.map((i) => i.id).sort(),
    answered: data.answered.map((a) => a.initiativeId).sort(),
    overdue: data.overdue.map((o) => o.initiativeId).sort(),
    unreachable: [...data.unreachable.entries()].sort(),
    questions: data.questions.map((q) => q.question).sort(),
  };
}

describe('what a summary reads, the same from SQLite and from Cosmos DB', () => {
  let cosmos: LocalCosmos;
  let dir: string;
  const stores: DocumentStore[] = [];

  beforeAll(async () => {
    cosmos = await startCosmos();
    dir = await mkdtemp(path.join(tmpdir(), 'pp-reader-'));
    stores.push(new SqliteStore(dir), cosmos.store());
    for (const s of stores) await seed(s);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await cosmos.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the organisation, the week in Stockholm time, overdue prompts, who cannot be reached and the week’s questions', async () => {
    const [fromSqlite, fromCosmos] = await Promise.all(stores.map((s) => new PortfolioReader(s, 5).read(scope)));
    expect(comparable(fromSqlite!)).toEqual({
      initiatives: ['a1', 'a2'],
      // 23:30 UTC on 15 Nov is 00:30 on the 16th in Stockholm: in the week; 22:30 is not; nor is 23:30 on the 22nd.
      answered: ['a1'],
      // a2's old prompt was answered, its new one is recent; reminders are not prompts.
      overdue: ['a1'],
      unreachable: [
        ['owner-a2', 'har inte lagt till Planpiloten i Teams'],
        ['owner-b1', 'har blockerat Planpiloten'],
      ],
      questions: ['Vad kostar Pios?', 'Vem äger planen?'],
    });
    expect(comparable(fromCosmos!)).toEqual(comparable(fromSqlite!));
  });
});
