import type { Agent } from 'node:https';
import path from 'node:path';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { Knowledge } from '../src/knowledge/knowledge.js';
import { ThreadedKnowledge } from '../src/knowledge/threadedKnowledge.js';
import { QuestionLog } from '../src/qa/questionLog.js';
import { createStore } from '../src/storage/createStore.js';
import type { DocumentStore } from '../src/storage/documentStore.js';
import { createAdapter } from './adapter.js';
import { createApp } from './app.js';
import { InitiativeRepository } from '../src/initiatives/initiativeRepository.js';
import { RegistrationService } from '../src/initiatives/registration.js';
import { MyInitiatives } from '../src/initiatives/myInitiatives.js';
import { BUNDLED_PLAN_FILE } from '../src/plan/planDefinition.js';
import { PlanSource } from '../src/plan/planSource.js';
import { GeneratedAnswers } from './generatedAnswers.js';
import { createPlanner } from './openAi.js';
import { RegistrationPrefill } from './registrationPrefill.js';
import { startServer, type RunningServer } from './server.js';
import { Pseudonyms } from '../src/qa/pseudonyms.js';
import { systemClock, type Clock } from '../src/time/clock.js';
import type { Dispatcher } from '../src/outbox/dispatcher.js';
import { createOutboxEngine } from './outboxEngine.js';
import { DownloadTokens } from '../src/summary/downloadTokens.js';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { GraphGroupMembership, ManagerAccess } from '../src/access/managerAccess.js';
import { portfolioCsv } from '../src/initiatives/portfolioExport.js';

export interface RunningBot extends RunningServer {
  knowledge: Knowledge;
  plans: PlanSource;
  store: DocumentStore;
  dispatcher: Dispatcher;
}

/**
 * Wires the bot: knowledge, storage, Teams application, HTTP server. Either everything
 * starts or nothing keeps running: a failure part-way closes what was opened.
 */
export async function startBot(
  config: Readonly<Config>,
  log: Logger,
  store: DocumentStore = createStore(config),
  options: { openAiAgent?: Agent; clock?: Clock; graphCredential?: TokenCredential } = {},
): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const plans = new PlanSource(config.planFile, log.child({ module: 'plan' }));
  // Closed again if anything after it fails to start.
  let opened: Knowledge | undefined;
  try {
    const { knowledge, report } = await ThreadedKnowledge.start(
      { dir: config.knowledgeDir, debounceMs: 300, pollMs: config.knowledgePollSeconds * 1000 },
      log.child({ module: 'knowledge' }),
    );
    opened = knowledge;
    for (const f of report.failed) log.warn({ file: f.file }, 'document not loaded');
    if (config.knowledgeDir === path.dirname(BUNDLED_PLAN_FILE)) {
      // A fresh clone answers only from the project's own notes; say so, and how to change it.
      log.info(
        { knowledgeDir: config.knowledgeDir, files: knowledge.files },
        'KNOWLEDGE_DIR is the bundled example folder (the notes about Planpiloten and the Göteborg plan): set KNOWLEDGE_DIR to the folder with your documents and PLAN_FILE to your plan file',
      );
    }
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
    await store.ping();
    const initiatives = new InitiativeRepository(store, clock);
    const moved = await initiatives.migratePartitions();
    if (moved > 0) log.info({ moved }, 'initiatives moved to their own partitions');
    const { outbox, references, followUps, dispatcher, subscriptions, summaryPlanner, summaries } = createOutboxEngine(config, store, initiatives, plan, adapter, clock, log);
    const pseudonyms = await Pseudonyms.load(store, config.pseudonymKey);
    const downloads = new DownloadTokens(pseudonyms.derivedKey('download'));
    const registration = new RegistrationService(store, initiatives, { plan, organisations: config.organisations }, clock);
    const app = createApp({
      adapter,
      knowledge,
      questions: new QuestionLog(store, { retentionDays: config.questionRetentionDays, clock }),
      pseudonyms,
      clock,
      log: log.child({ module: 'bot' }),
      botAppId: config.bot?.appId,
      generator,
      prefill,
      registration,
      initiatives,
      myInitiatives: new MyInitiatives(initiatives, clock),
      plan,
      organisations: config.organisations,
      references,
      followUps,
      outbox,
      dispatcher,
      adminIds: config.adminIds,
      followUpReminderDays: config.followUp.reminderDays,
      subscriptions,
      summaryPlanner,
      summaries,
      managerAccess: new ManagerAccess(
        [...config.managerIds, ...config.adminIds],
        config.managerGroupIds,
        config.managerGroupIds.length > 0 ? new GraphGroupMembership(options.graphCredential ?? new DefaultAzureCredential(), config.graphEndpoint) : undefined,
        log.child({ module: 'access' }),
        clock,
      ),
      downloads,
      publicUrl: config.publicUrl,
    });
    const server = await startServer({
      adapter,
      app,
      port: config.port,
      host: config.host,
      log,
      requireToken: Boolean(config.bot),
      allowedTenants: config.allowedTenants,
      ready: { store: () => store.ping(), documents: () => knowledge.files.length },
      download: async (token) => {
        const grant = downloads.verify(token, clock.now());
        if (!grant) return undefined;
        return { filename: 'planpiloten-portfolj.csv', body: portfolioCsv(await summaries.initiatives(grant.organisation)) };
      },
    });
    if (!config.bot) {
      log.warn(
        { host: config.host, anonymousRemote: config.anonymousRemote },
        config.anonymousRemote
          ? 'local mode: BOT_ID is not set and ALLOW_ANONYMOUS_REMOTE=true, so anyone who reaches this address can post activities without a token'
          : 'local mode: BOT_ID is not set, so requests are accepted without a Bot Framework token, on loopback only',
      );
    }
    if (config.followUp.outboxIntervalSeconds > 0) dispatcher.start(config.followUp.outboxIntervalSeconds * 1000);
    log.info({ port: server.port, store: store.kind, documents: report.documents, generatedAnswers: Boolean(generator), outboxSeconds: config.followUp.outboxIntervalSeconds }, 'Planpiloten is listening');
    return {
      ...server,
      knowledge,
      plans,
      store,
      dispatcher,
      async close() {
        await dispatcher.stop();
        await knowledge.close();
        plans.close();
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await opened?.close();
    plans.close();
    await store.close();
    throw error;
  }
}
