import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { MODEL_CONTEXT_SIZE, NO_ANSWER_TEXT, type Answer } from '../../src/knowledge/answerer.js';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import type { Pseudonyms } from '../../src/qa/pseudonyms.js';
import type { FeedbackValue, QuestionLog, QuestionRef } from '../../src/qa/questionLog.js';
import { answerCard, noAnswerCard, toAttachment, VERBS, type CardJson } from '../cards.js';
import { sendCard } from '../cardReplies.js';
import type { GeneratedAnswers } from '../generatedAnswers.js';
import { personOf } from '../identity.js';

export interface QuestionsFeature {
  knowledge: Knowledge;
  questions: QuestionLog;
  pseudonyms: Pseudonyms;
  /** Azure OpenAI answers; undefined when not configured (then no model is ever called). */
  generator?: GeneratedAnswers | undefined;
  log: Logger;
}

const SAVED_HINT = 'Frågan är sparad, så att den som förvaltar underlaget ser vad som saknas.';

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

/**
 * Questions about the documents: every message no other feature took is a question. The
 * answer comes with its source (or, with Azure OpenAI, a generated answer with citations),
 * every question is recorded under a pseudonym, and 👍/👎 are stored. Registered last: it
 * takes what is left.
 */
export function registerQuestions(app: Application<TurnState>, deps: QuestionsFeature): void {
  const { knowledge, questions, log } = deps;
  const askerOf = (context: TurnContext): string => deps.pseudonyms.of(personOf(context).id);

  const onFeedback = async (context: TurnContext, data: FeedbackData): Promise<CardJson | string> => {
    const parsed = parseFeedback(data);
    if (!parsed) return 'Knappen saknar uppgifter jag känner igen. Ställ frågan igen, så får du ett nytt svar att bedöma.';
    const result = await questions.feedback(parsed.ref, parsed.value, askerOf(context));
    log.info({ event: 'feedback', result, value: parsed.value }, 'feedback');
    if (result === 'not_found') return 'Jag hittar inte den frågan längre. Ställ den gärna igen.';
    if (result === 'not_yours') return 'Bara den som ställde frågan kan bedöma svaret.';
    const record = await questions.get(parsed.ref);
    const answer = record ? await knowledge.answer(record.question).catch(() => undefined) : undefined;
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
    else
      await context.updateActivity({ id: context.activity.replyToId, type: ActivityTypes.Message, attachments: [toAttachment(reply)] }).catch(async () => {
        await context.sendActivity('Tack för din återkoppling!');
      });
  });

  /** A generated answer, or why not: undefined means "use the retrieved passage". */
  const generate = async (context: TurnContext, state: TurnState, answer: Answer): Promise<'refused' | undefined> => {
    if (!deps.generator || !answer.answered) return undefined;
    let generated;
    try {
      generated = await deps.generator.write(context, state, answer.question, answer.context ?? answer.sources);
    } catch (error) {
      log.warn({ err: error }, 'generated answer failed; showing the passage');
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
    // The record names every passage the model was given, since it may cite any of them.
    await questions.record({ ...answer, sources: answer.context ?? answer.sources }, askerOf(context), questions.newRef(), { generated: true, ...(sent?.id ? { activityId: sent.id } : {}) });
    return undefined;
  };

  app.activity(ActivityTypes.Message, async (context, state) => {
    const text = context.activity.text ?? '';
    const started = performance.now();
    // A model gets more to work with than the card shows: the five best passages.
    let answer = await knowledge.answer(text, deps.generator ? { contextSize: MODEL_CONTEXT_SIZE } : {});
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
    await Promise.all([questions.record(answer, askerOf(context), ref), sendCard(context, card)]);
    log.info(
      { event: 'question', answered: answer.answered, sources: answer.sources.length, ms: Math.round(performance.now() - started), conversationType: context.activity.conversation.conversationType },
      'question answered',
    );
  });

  // Teams' own 👍/👎 under a generated answer.
  app.feedbackLoop(async (context, _state, data) => {
    const ref = data.replyToId ? await questions.byReply(data.replyToId) : undefined;
    const value = data.actionValue.reaction === 'like' ? 'up' : 'down';
    const result = ref ? await questions.feedback(ref, value, askerOf(context)) : 'not_found';
    log.info({ event: 'feedback', result, value, generated: true }, 'feedback');
  });
}
