import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import { ConversationReferences } from '../src/conversations/conversationReferences.js';
import { FollowUpOutbox } from '../src/followUp/followUpOutbox.js';
import { OutboxFollowUpPlanner } from '../src/followUp/followUpPlanner.js';
import { FollowUpService } from '../src/followUp/followUpService.js';
import type { InitiativeRepository } from '../src/initiatives/initiativeRepository.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import { InstanceRegistry } from '../src/outbox/instanceRegistry.js';
import { OutboxRepository } from '../src/outbox/outboxRepository.js';
import { RateLimiter } from '../src/outbox/rateLimiter.js';
import type { PlanDefinition } from '../src/plan/planDefinition.js';
import type { DocumentStore } from '../src/storage/documentStore.js';
import { PortfolioReader } from '../src/summary/portfolioReader.js';
import { SubscriptionRepository } from '../src/summary/subscriptions.js';
import { SummaryPlanner } from '../src/summary/summaryPlanner.js';
import { SummaryService } from '../src/summary/summaryService.js';
import type { Clock } from '../src/time/clock.js';
import { ComposerByKind, FollowUpComposer, SummaryComposer } from './outboxComposer.js';
import { TeamsProactiveSender } from './proactiveSender.js';

export interface OutboxEngine {
  outbox: OutboxRepository;
  references: ConversationReferences;
  followUps: FollowUpService;
  subscriptions: SubscriptionRepository;
  summaryPlanner: SummaryPlanner;
  summaries: SummaryService;
  dispatcher: Dispatcher;
}

/**
 * Everything the bot sends on its own, wired once for the bot and for the operators' CLI:
 * the outbox, the follow-up planner (which every owner change triggers), the weekly summary
 * planner (run before each outbox run), conversation references, and the one dispatcher
 * that sends both through the Teams adapter.
 */
export function createOutboxEngine(
  config: Readonly<Config>,
  store: DocumentStore,
  initiatives: InitiativeRepository,
  plan: PlanDefinition,
  adapter: CloudAdapter,
  clock: Clock,
  log: Logger,
): OutboxEngine {
  const outbox = new OutboxRepository(store, clock);
  const window = { startMinute: config.followUp.hour * 60, spreadMinutes: config.followUp.spreadMinutes };
  const planner = new OutboxFollowUpPlanner(outbox, clock, window);
  initiatives.onChange = (initiative) => planner.planNext(initiative);
  const references = new ConversationReferences(store, clock);
  const followUps = new FollowUpService(store, initiatives, outbox, planner, clock);
  const followUpComposer = new FollowUpComposer(new FollowUpOutbox(followUps, initiatives, outbox, planner, clock, config.followUp.reminderDays, window));
  const subscriptions = new SubscriptionRepository(store, clock);
  const summaryPlanner = new SummaryPlanner(subscriptions, outbox, clock, config.summary);
  const summaries = new SummaryService(new PortfolioReader(store, config.followUp.reminderDays), plan, clock);
  const dispatcher = new Dispatcher(
    outbox,
    references,
    new TeamsProactiveSender(adapter, config.bot?.appId ?? ''),
    new ComposerByKind({ followUp: followUpComposer, reminder: followUpComposer, summary: new SummaryComposer(subscriptions, summaries) }),
    new RateLimiter(),
    clock,
    log.child({ module: 'outbox' }),
    { instances: new InstanceRegistry(store, clock), beforeRun: () => summaryPlanner.planAll() },
  );
  return { outbox, references, followUps, subscriptions, summaryPlanner, summaries, dispatcher };
}
