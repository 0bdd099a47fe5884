import type { ActionPlanner, TurnState } from '@microsoft/teams-ai';
// Types the package does not re-export from its root.
import type { AIEntity, ClientCitation } from '@microsoft/teams-ai/lib/types/index.js';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { sourceText, type Source } from '../src/knowledge/answerer.js';

const REFUSAL = 'INGET_SVAR';

export interface GeneratedAnswer {
  /** The answer with Teams citation markers [1], [2] ... */
  text: string;
  /** The AI-generated label and the citations for the sources the text refers to. */
  entity: AIEntity;
}

/**
 * Generated answers: a teams-ai ActionPlanner asks Azure OpenAI to write the answer from
 * the retrieved passages only. The model may refuse (INGET_SVAR); then, or when the call
 * fails, the caller falls back to the retrieved passage. Only built when settings exist,
 * so without them no call is ever made.
 */
export class GeneratedAnswers {
  constructor(
    private readonly planner: ActionPlanner<TurnState>,
    private readonly log: Logger,
  ) {}

  /**
   * The generated answer, or undefined when the model says the sources do not answer the
   * question. Throws when the call fails.
   */
  async write(context: TurnContext, state: TurnState, question: string, sources: readonly Source[]): Promise<GeneratedAnswer | undefined> {
    const numbered = sources.map((s, i) => `[${i + 1}] ${s.title}, ${s.section}${s.page !== undefined ? `, sida ${s.page}` : ''}:\n${sourceText(s)}`).join('\n\n');
    state.temp.input = question;
    state.setValue('temp.sources', numbered);
    const started = performance.now();
    const response = await this.planner.completePrompt<string>(context, state, 'grounded-answer');
    this.log.info({ event: 'generated_answer', status: response.status, ms: Math.round(performance.now() - started) }, 'model call');
    if (response.status !== 'success') {
      // A failed call is not a refusal: the caller shows the retrieved passage instead.
      throw new Error(`Azure OpenAI: ${response.status}${response.error ? ` (${response.error.message})` : ''}`);
    }
    const content = typeof response.message?.content === 'string' ? response.message.content.trim() : '';
    if (!content || content.includes(REFUSAL)) return undefined;
    const used = new Set([...content.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= sources.length));
    if (used.size === 0) return undefined;
    const citation: ClientCitation[] = [...used].sort((a, b) => a - b).map((n) => {
      const s = sources[n - 1]!;
      return {
        '@type': 'Claim',
        position: n,
        appearance: {
          '@type': 'DigitalDocument',
          name: `${s.title} – ${s.section || 'inledning'}${s.page !== undefined ? `, s. ${s.page}` : ''}`.slice(0, 80),
          abstract: s.excerpt.slice(0, 160),
          keywords: [s.document],
        },
      };
    });
    return {
      text: content,
      entity: {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation,
      },
    };
  }
}
