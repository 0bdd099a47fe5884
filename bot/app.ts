import { createHash } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TurnState, type AdaptiveCard, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../src/knowledge/knowledgeBase.js';
import type { FeedbackValue, QuestionLog, QuestionRef } from '../src/qa/questionLog.js';
import { answerCard, noAnswerCard, toAttachment, VERBS, welcomeCard, type CardJson } from './cards.js';

export interface BotDependencies {
  adapter: TeamsAdapter;
  knowledge: KnowledgeBase;
  questions: QuestionLog;
  log: Logger;
  botAppId: string | undefined;
}

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

  app.activity(ActivityTypes.Message, async (context) => {
    const text = context.activity.text ?? '';
    const started = performance.now();
    const answer = knowledge.answer(text);
    if (answer.reason === 'empty' || answer.reason === 'too_long') {
      await sendCard(context, noAnswerCard(answer.answer));
      return;
    }
    // The question is written while the reply goes out; the turn ends when both are done.
    const ref = questions.newRef();
    const card = answer.answered
      ? answerCard(answer, ref)
      : noAnswerCard(answer.answer, 'Frågan är sparad, så att den som förvaltar underlaget ser vad som saknas.');
    await Promise.all([questions.record(answer, askerHash(context), ref), sendCard(context, card)]);
    log.info(
      { event: 'question', answered: answer.answered, sources: answer.sources.length, ms: Math.round(performance.now() - started), conversationType: context.activity.conversation.conversationType },
      'question answered',
    );
  });

  app.error(async (context, error) => {
    log.error({ err: { name: error.name, message: error.message }, activityType: context.activity.type, conversationId: context.activity.conversation.id }, 'turn failed');
    await context.sendActivity('Något gick fel hos mig. Försök igen om en stund – din fråga är inte borta, skriv den bara igen.').catch(() => undefined);
  });

  return app;
}
