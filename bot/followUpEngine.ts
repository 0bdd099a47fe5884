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
import type { DocumentStore } from '../src/storage/documentStore.js';
import type { Clock } from '../src/time/clock.js';
import { CardComposer } from './outboxComposer.js';
import { TeamsProactiveSender } from './proactiveSender.js';

export interface FollowUpEngine {
  outbox: OutboxRepository;
  references: ConversationReferences;
  followUps: FollowUpService;
  dispatcher: Dispatcher;
}

/**
 * The follow-up feature's parts, wired once for the bot and for the operators' CLI: the
 * outbox, the planner (which every owner change triggers), conversation references, the
 * answers, and the dispatcher that sends through the Teams adapter.
 */
export function createFollowUpEngine(
  config: Readonly<Config>,
  store: DocumentStore,
  initiatives: InitiativeRepository,
  adapter: CloudAdapter,
  clock: Clock,
  log: Logger,
): FollowUpEngine {
  const outbox = new OutboxRepository(store, clock);
  const window = { startMinute: config.followUp.hour * 60, spreadMinutes: config.followUp.spreadMinutes };
  const planner = new OutboxFollowUpPlanner(outbox, clock, window);
  initiatives.onChange = (initiative) => planner.planNext(initiative);
  const references = new ConversationReferences(store, clock);
  const followUps = new FollowUpService(store, initiatives, outbox, planner, clock);
  const followUpOutbox = new FollowUpOutbox(followUps, initiatives, outbox, planner, clock, config.followUp.reminderDays, window);
  const dispatcher = new Dispatcher(
    outbox,
    references,
    new TeamsProactiveSender(adapter, config.bot?.appId ?? ''),
    new CardComposer(followUpOutbox),
    new RateLimiter(),
    clock,
    log.child({ module: 'outbox' }),
    { instances: new InstanceRegistry(store, clock) },
  );
  return { outbox, references, followUps, dispatcher };
}
