import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { InitiativeRepository } from '../src/initiatives/initiativeRepository.js';
import type { MyInitiatives } from '../src/initiatives/myInitiatives.js';
import type { RegistrationService } from '../src/initiatives/registration.js';
import type { Knowledge } from '../src/knowledge/knowledge.js';
import type { PlanDefinition } from '../src/plan/planDefinition.js';
import type { Pseudonyms } from '../src/qa/pseudonyms.js';
import type { QuestionLog } from '../src/qa/questionLog.js';
import type { Clock } from '../src/time/clock.js';
import type { ConversationReferences } from '../src/conversations/conversationReferences.js';
import type { FollowUpService } from '../src/followUp/followUpService.js';
import type { Dispatcher } from '../src/outbox/dispatcher.js';
import type { OutboxRepository } from '../src/outbox/outboxRepository.js';
import { registerAdmin } from './features/admin.js';
import { registerConversations } from './features/conversations.js';
import { registerFollowUps } from './features/followUps.js';
import { registerMyInitiatives } from './features/myInitiatives.js';
import { registerQuestions } from './features/questions.js';
import { registerRegistration } from './features/registration.js';
import { registerUnknownCardActions, registerUnknownCardSubmits } from './features/staleCards.js';
import { registerTypedButtons } from './features/typedButtons.js';
import { registerWelcome } from './features/welcome.js';
import { registerSummaries } from './features/summaries.js';
import type { SubscriptionRepository } from '../src/summary/subscriptions.js';
import type { SummaryPlanner } from '../src/summary/summaryPlanner.js';
import type { SummaryService } from '../src/summary/summaryService.js';
import type { DownloadTokens } from '../src/summary/downloadTokens.js';
import type { ManagerAccess } from '../src/access/managerAccess.js';
import type { GeneratedAnswers } from './generatedAnswers.js';
import type { RegistrationPrefill } from './registrationPrefill.js';

export interface BotDependencies {
  adapter: TeamsAdapter;
  knowledge: Knowledge;
  questions: QuestionLog;
  pseudonyms: Pseudonyms;
  log: Logger;
  botAppId: string | undefined;
  /** Azure OpenAI answers; undefined when not configured (then no model is ever called). */
  generator?: GeneratedAnswers | undefined;
  /** Suggests more fields from a free-text description; only with Azure OpenAI. */
  prefill?: RegistrationPrefill | undefined;
  registration: RegistrationService;
  initiatives: InitiativeRepository;
  myInitiatives: MyInitiatives;
  plan: PlanDefinition;
  organisations: readonly string[];
  clock: Clock;
  references: ConversationReferences;
  followUps: FollowUpService;
  outbox: OutboxRepository;
  dispatcher: Dispatcher;
  adminIds: readonly string[];
  followUpReminderDays: number;
  subscriptions: SubscriptionRepository;
  summaryPlanner: SummaryPlanner;
  summaries: SummaryService;
  /** Managers and administrators: who may subscribe channels and read the portfolio. */
  managerAccess: ManagerAccess;
  downloads: DownloadTokens;
  publicUrl: string;
}

/**
 * The Teams application. Each feature registers its own routes from its own file; the order
 * below is the order messages are matched in: commands first, card actions nobody handles
 * next, and every other message is a question.
 */
export function createApp(deps: BotDependencies): Application {
  const { log } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    ...(deps.botAppId ? { botAppId: deps.botAppId } : {}),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  registerTypedButtons(app);
  registerConversations(app, deps.references, deps.outbox, log);
  registerWelcome(app, deps.knowledge);
  registerAdmin(app, deps);
  registerRegistration(app, deps);
  registerMyInitiatives(app, deps);
  registerFollowUps(app, deps);
  registerSummaries(app, deps);
  registerUnknownCardSubmits(app, log);
  registerQuestions(app, deps);
  registerUnknownCardActions(app, log);

  app.error(async (context, error) => {
    // Structured fields only: never the message text or a name.
    log.error({ err: error, activityType: context.activity?.type, conversationId: context.activity?.conversation?.id }, 'turn failed');
    await context.sendActivity('Något gick fel hos mig. Försök igen om en stund – det du skrev är inte borta, skriv det bara igen.').catch(() => undefined);
  });

  return app;
}
