import { createHash } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TurnState, type AdaptiveCard, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../src/knowledge/knowledgeBase.js';
import type { FeedbackValue, QuestionLog, QuestionRef } from '../src/qa/questionLog.js';
import { answerCard, noAnswerCard, toAttachment, VERBS, welcomeCard, type CardJson } from './cards.js';
import type { GeneratedAnswers } from './generatedAnswers.js';
import type { RegistrationPrefill } from './registrationPrefill.js';
import { NO_ANSWER_TEXT, type Answer } from '../src/knowledge/answerer.js';
import type { Person } from '../src/initiatives/initiative.js';
import type { InitiativeRepository } from '../src/initiatives/initiativeRepository.js';
import { registrationIntent, type RegistrationService } from '../src/initiatives/registration.js';
import type { PlanDefinition } from '../src/plan/planDefinition.js';
import { initiativeCard, myInitiativesCard, REGISTRATION_VERB, registrationCard } from './registrationCards.js';
import type { MyInitiatives } from '../src/initiatives/myInitiatives.js';

export interface BotDependencies {
  adapter: TeamsAdapter;
  knowledge: KnowledgeBase;
  questions: QuestionLog;
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
}

/** The person behind an activity: the AAD object id in Teams, the channel id elsewhere. */
export function personOf(context: TurnContext): Person {
  const from = context.activity.from as { aadObjectId?: string; id?: string; name?: string } | undefined;
  return { id: from?.aadObjectId ?? from?.id ?? 'okänd', name: (from?.name ?? '').slice(0, 200) };
}

const SAVED_HINT = 'Frågan är sparad, så att den som förvaltar underlaget ser vad som saknas.';

const HELP = /^\s*(hjälp|hjalp|help|\?|vad kan du( göra)?\??)\s*$/i;
const GREETING = /^\s*(hej|hejsan|hallå|halla|tjena|god (morgon|dag|kväll))\s*[!.]*\s*$/i;

interface FeedbackData {
  verb?: unknown;
  questionId?: unknown;
  pk?: unknown;
  value?: unknown;
}

/** Card data is untrusted: only a well-formed feedback payload gets through. */
function parseFeedback(data: FeedbackData): { ref: QuestionRef; value: FeedbackValue } | undefined {
  const { questionId, pk, value } = data;
  if (typeof questionId !== 'string' || !/^[0-9a-f-]{36}$/.test(questionId)) return undefined;
  if (typeof pk !== 'string' || !/^\d{4}-\d{2}$/.test(pk)) return undefined;
  if (value !== 'up' && value !== 'down') return undefined;
  return { ref: { id: questionId, pk }, value };
}

/** A stable pseudonym for the person: the question log never holds a raw Teams id. */
export function askerHash(context: TurnContext): string {
  const from = context.activity.from as { aadObjectId?: string; id?: string } | undefined;
  return createHash('sha256').update(from?.aadObjectId ?? from?.id ?? 'okänd').digest('hex').slice(0, 32);
}

/**
 * The Teams application: routes activities to the features. Handlers translate between
 * activities and domain calls; they never read settings or build clients.
 */
export function createApp(deps: BotDependencies): Application {
  const { knowledge, questions, log } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    ...(deps.botAppId ? { botAppId: deps.botAppId } : {}),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  const sendCard = async (context: TurnContext, card: CardJson): Promise<void> => {
    await context.sendActivity({ attachments: [toAttachment(card)] });
  };

  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    const botId = context.activity.recipient.id;
    const isPersonal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
    if (isPersonal && added.some((m) => m.id !== botId)) await sendCard(context, welcomeCard());
  });

  app.message(HELP, async (context) => {
    await sendCard(context, welcomeCard());
  });

  app.message(GREETING, async (context) => {
    await sendCard(context, welcomeCard());
  });

  const registrationReply = (view: Parameters<typeof registrationCard>[0]): CardJson => registrationCard(view, deps.plan, deps.organisations);

  app.message(
    (context) => Promise.resolve(registrationIntent(context.activity.text ?? '') !== undefined),
    async (context, state) => {
      const intent = registrationIntent(context.activity.text ?? '');
      const person = personOf(context);
      log.info({ event: 'registration', intent: intent?.kind }, 'registration command');
      switch (intent?.kind) {
        case 'start': {
          let prefill: Record<string, string> = { ...intent.prefill };
          if (intent.prefill && deps.prefill) {
            const suggested = await deps.prefill.suggest(context, state, intent.prefill.description).catch((error: unknown) => {
              log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'prefill failed; starting without suggestions');
              return {};
            });
            prefill = { ...prefill, ...suggested, description: intent.prefill.description };
          }
          await sendCard(context, registrationReply(await deps.registration.start(person, prefill)));
          return;
        }
        case 'resume':
          await sendCard(context, registrationReply(await deps.registration.resume(person)));
          return;
        case 'cancel':
          await context.sendActivity((await deps.registration.cancel(person)) ? 'Registreringen är avbruten. Inget sparades i portföljen.' : 'Du har ingen påbörjad registrering.');
          return;
        case 'mine': {
          const mine = await deps.initiatives.forOwner(person.id);
          await sendCard(context, myInitiativesCard(mine.map((m) => m.value), new Date().toISOString().slice(0, 10)));
          return;
        }
        default:
          return;
      }
    },
  );

  const onRegistration = async (context: TurnContext, data: unknown): Promise<CardJson> => {
    const view = await deps.registration.submit(personOf(context), data);
    log.info({ event: 'registration_step', view: view.kind, step: view.kind === 'step' ? view.draft.step : undefined, errors: view.kind === 'step' ? Object.keys(view.errors).length : 0 }, 'registration step');
    return registrationReply(view);
  };

  const onInitiative = async (context: TurnContext, data: unknown): Promise<CardJson> => {
    const person = personOf(context);
    const view = await deps.myInitiatives.act(person, data);
    log.info({ event: 'initiative_action', view: view.kind }, 'initiative action');
    if (view.kind === 'edit') return registrationReply(await deps.registration.startEdit(person, view.initiative));
    return initiativeCard(view, deps.plan, new Date().toISOString().slice(0, 10));
  };
  app.adaptiveCards.actionExecute<Record<string, unknown>>('initiative', async (context, _state, data) => {
    return (await onInitiative(context, data)) as unknown as AdaptiveCard;
  });
  app.adaptiveCards.actionSubmit<Record<string, unknown>>('initiative', async (context, _state, data) => {
    await sendCard(context, await onInitiative(context, data));
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => {
    return (await onRegistration(context, data)) as unknown as AdaptiveCard;
  });
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(REGISTRATION_VERB, async (context, _state, data) => {
    const card = await onRegistration(context, data);
    // Clients without Universal Actions: replace the card in place, or send it anew.
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [toAttachment(card)] });
        return;
      } catch {
        // not every client can update; a new card does the job
      }
    }
    await sendCard(context, card);
  });

  const onFeedback = async (context: TurnContext, data: FeedbackData): Promise<CardJson | string> => {
    const parsed = parseFeedback(data);
    if (!parsed) return 'Knappen saknar uppgifter jag känner igen. Ställ frågan igen, så får du ett nytt svar att bedöma.';
    const result = await questions.feedback(parsed.ref, parsed.value, askerHash(context));
    log.info({ event: 'feedback', result, value: parsed.value }, 'feedback');
    if (result === 'not_found') return 'Jag hittar inte den frågan längre. Ställ den gärna igen.';
    if (result === 'not_yours') return 'Bara den som ställde frågan kan bedöma svaret.';
    const record = await questions.get(parsed.ref);
    const answer = record ? knowledge.answer(record.question) : undefined;
    if (answer?.answered) return answerCard(answer, parsed.ref, parsed.value);
    return parsed.value === 'up' ? 'Tack för din återkoppling! 👍' : 'Tack för din återkoppling! 👎';
  };

  app.adaptiveCards.actionExecute<FeedbackData>(VERBS.feedback, async (context, _state, data) => {
    const reply = await onFeedback(context, data);
    return typeof reply === 'string' ? reply : (reply as unknown as AdaptiveCard);
  });
  app.adaptiveCards.actionSubmit<FeedbackData>(VERBS.feedback, async (context, _state, data) => {
    const reply = await onFeedback(context, data);
    if (typeof reply === 'string') await context.sendActivity(reply);
    else await context.updateActivity({ id: context.activity.replyToId, type: ActivityTypes.Message, attachments: [toAttachment(reply)] }).catch(async () => {
      await context.sendActivity('Tack för din återkoppling!');
    });
  });

  /** A generated answer, or why not: undefined means "use the retrieved passage". */
  const generate = async (context: TurnContext, state: TurnState, answer: Answer): Promise<'refused' | undefined> => {
    if (!deps.generator || !answer.answered) return undefined;
    let generated;
    try {
      generated = await deps.generator.write(context, state, answer.question, answer.sources);
    } catch (error) {
      log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'generated answer failed; showing the passage');
      return undefined;
    }
    if (!generated) return 'refused';
    const sent = await context.sendActivity({
      type: ActivityTypes.Message,
      text: generated.text,
      textFormat: 'markdown',
      entities: [generated.entity],
      channelData: { feedbackLoopEnabled: true },
    });
    await questions.record(answer, askerHash(context), questions.newRef(), { generated: true, ...(sent?.id ? { activityId: sent.id } : {}) });
    return undefined;
  };

  app.activity(ActivityTypes.Message, async (context, state) => {
    const text = context.activity.text ?? '';
    const started = performance.now();
    let answer = knowledge.answer(text);
    if (answer.reason === 'empty' || answer.reason === 'too_long') {
      await sendCard(context, noAnswerCard(answer.answer));
      return;
    }
    if (deps.generator && answer.answered) {
      const outcome = await generate(context, state, answer);
      if (outcome === undefined && context.responded) return;
      // The model found no answer in the passages: say so, as retrieval alone would.
      if (outcome === 'refused') answer = { ...answer, answered: false, answer: NO_ANSWER_TEXT.not_in_documents, sources: [], reason: 'not_in_documents' };
    }
    // The question is written while the reply goes out; the turn ends when both are done.
    const ref = questions.newRef();
    const card = answer.answered ? answerCard(answer, ref) : noAnswerCard(answer.answer, SAVED_HINT, answer.nearest);
    await Promise.all([questions.record(answer, askerHash(context), ref), sendCard(context, card)]);
    log.info(
      { event: 'question', answered: answer.answered, sources: answer.sources.length, ms: Math.round(performance.now() - started), conversationType: context.activity.conversation.conversationType },
      'question answered',
    );
  });

  // Teams' own 👍/👎 under a generated answer.
  app.feedbackLoop(async (context, _state, data) => {
    const ref = data.replyToId ? await questions.byReply(data.replyToId) : undefined;
    const value = data.actionValue.reaction === 'like' ? 'up' : 'down';
    const result = ref ? await questions.feedback(ref, value, askerHash(context)) : 'not_found';
    log.info({ event: 'feedback', result, value, generated: true }, 'feedback');
  });

  app.error(async (context, error) => {
    log.error({ err: { name: error.name, message: error.message }, activityType: context.activity.type, conversationId: context.activity.conversation.id }, 'turn failed');
    await context.sendActivity('Något gick fel hos mig. Försök igen om en stund – din fråga är inte borta, skriv den bara igen.').catch(() => undefined);
  });

  return app;
}
