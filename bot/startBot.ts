import type { Agent } from 'node:https';
import path from 'node:path';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { KnowledgeBase } from '../src/knowledge/knowledgeBase.js';
import { QuestionLog } from '../src/qa/questionLog.js';
import { createStore } from '../src/storage/createStore.js';
import type { DocumentStore } from '../src/storage/documentStore.js';
import { createAdapter } from './adapter.js';
import { createApp } from './app.js';
import { InitiativeRepository } from '../src/initiatives/initiativeRepository.js';
import { RegistrationService, type RegistrationView } from '../src/initiatives/registration.js';
import type { Initiative, Person } from '../src/initiatives/initiative.js';
import { MyInitiatives } from '../src/initiatives/myInitiatives.js';
import { BUNDLED_PLAN_FILE } from '../src/plan/planDefinition.js';
import { PLAN_UNAVAILABLE_MESSAGE, PlanSource } from '../src/plan/planSource.js';
import type { Stored } from '../src/storage/documentStore.js';
import { GeneratedAnswers } from './generatedAnswers.js';
import { createPlanner } from './openAi.js';
import { RegistrationPrefill } from './registrationPrefill.js';
import { startServer, type RunningServer } from './server.js';

export interface RunningBot extends RunningServer {
  knowledge: KnowledgeBase;
  plans: PlanSource;
  store: DocumentStore;
}

/** Registration that says the plan is missing instead of offering an empty Målområde list. */
class PlanGuardedRegistration extends RegistrationService {
  constructor(
    private readonly plans: PlanSource,
    ...args: ConstructorParameters<typeof RegistrationService>
  ) {
    super(...args);
  }

  private unavailable(): RegistrationView | undefined {
    return this.plans.current().goalAreas.length === 0 ? { kind: 'none', message: PLAN_UNAVAILABLE_MESSAGE } : undefined;
  }

  override async start(owner: Person, prefill?: Record<string, string>): Promise<RegistrationView> {
    return this.unavailable() ?? super.start(owner, prefill);
  }

  override async startEdit(owner: Person, initiative: Stored<Initiative>): Promise<RegistrationView> {
    return this.unavailable() ?? super.startEdit(owner, initiative);
  }

  override async resume(owner: Person): Promise<RegistrationView> {
    return this.unavailable() ?? super.resume(owner);
  }
}

/**
 * Wires the bot: knowledge, storage, Teams application, HTTP server. Either everything
 * starts or nothing keeps running: a failure part-way closes what was opened.
 */
export async function startBot(
  config: Readonly<Config>,
  log: Logger,
  store: DocumentStore = createStore(config),
  options: { openAiAgent?: Agent } = {},
): Promise<RunningBot> {
  const knowledge = new KnowledgeBase(config.knowledgeDir, log.child({ module: 'knowledge' }));
  const plans = new PlanSource(config.planFile, log.child({ module: 'plan' }));
  try {
    const report = await knowledge.load();
    for (const f of report.failed) log.warn({ file: f.file }, 'document not loaded');
    knowledge.watch(300, config.knowledgePollSeconds * 1000);
    await plans.load();
    plans.watch();
    if (config.planFile === BUNDLED_PLAN_FILE && config.knowledgeDir !== path.dirname(BUNDLED_PLAN_FILE)) {
      log.warn({ planFile: config.planFile }, 'KNOWLEDGE_DIR is your own but PLAN_FILE is not set: using the bundled Göteborg plan');
    }
    const plan = plans.live();
    const adapter = createAdapter(config.bot);
    const planner = config.openAi ? createPlanner(config.openAi, options.openAiAgent) : undefined;
    const generator = planner ? new GeneratedAnswers(planner, log.child({ module: 'openai' })) : undefined;
    const prefill = planner ? new RegistrationPrefill(planner, plan, log.child({ module: 'openai' })) : undefined;
    const initiatives = new InitiativeRepository(store);
    const registration = new PlanGuardedRegistration(plans, store, initiatives, { plan, organisations: config.organisations });
    const app = createApp({
      adapter,
      knowledge,
      questions: new QuestionLog(store),
      log: log.child({ module: 'bot' }),
      botAppId: config.bot?.appId,
      generator,
      prefill,
      registration,
      initiatives,
      myInitiatives: new MyInitiatives(initiatives),
      plan,
      organisations: config.organisations,
    });
    const server = await startServer({ adapter, app, port: config.port, host: config.host, log, health: { documents: () => knowledge.documents.length, store: store.kind } });
    if (!config.bot) log.warn('local mode: BOT_ID is not set, so requests to /api/messages are accepted without a Bot Framework token');
    log.info({ port: server.port, store: store.kind, documents: report.documents, generatedAnswers: Boolean(generator) }, 'Planpiloten is listening');
    return {
      ...server,
      knowledge,
      plans,
      store,
      async close() {
        knowledge.close();
        plans.close();
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    knowledge.close();
    plans.close();
    await store.close();
    throw error;
  }
}
