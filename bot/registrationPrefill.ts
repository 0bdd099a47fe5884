import type { ActionPlanner, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { CATEGORIES, PHASES } from '../src/initiatives/initiative.js';
import { findAction, type PlanDefinition } from '../src/plan/planDefinition.js';

/**
 * With Azure OpenAI configured, a free-text description ("vi ska införa ...") also suggests
 * målområde, insats, category and phase. The model's answer is untrusted: only values that
 * exist in the plan and the lists are kept, and they are suggestions the person sees and
 * can change on the cards, where the server validates them like anything typed.
 */
export class RegistrationPrefill {
  constructor(
    private readonly planner: ActionPlanner<TurnState>,
    private readonly plan: PlanDefinition,
    private readonly log: Logger,
  ) {}

  async suggest(context: TurnContext, state: TurnState, description: string): Promise<Record<string, string>> {
    state.temp.input = description;
    state.setValue('temp.plan', this.plan.goalAreas.map((a) => `${a.number}: ${a.title}\n${a.actions.map((x) => `  ${x.code}: ${x.text}`).join('\n')}`).join('\n'));
    state.setValue('temp.categories', CATEGORIES.join(', '));
    state.setValue('temp.phases', PHASES.join(', '));
    const response = await this.planner.completePrompt<string>(context, state, 'registration-prefill');
    this.log.info({ event: 'registration_prefill', status: response.status }, 'model call');
    const content = response.status === 'success' && typeof response.message?.content === 'string' ? response.message.content : '';
    return this.accept(content);
  }

  /** Keeps only suggestions that are valid choices; everything else is dropped. */
  accept(content: string): Record<string, string> {
    const json = /\{[\s\S]*\}/.exec(content)?.[0];
    if (!json) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return {};
    }
    if (!parsed || typeof parsed !== 'object') return {};
    const p = parsed as Record<string, unknown>;
    const out: Record<string, string> = {};
    if (typeof p.name === 'string' && p.name.trim()) out.name = p.name.trim().slice(0, 120);
    const area = typeof p.goalArea === 'number' || typeof p.goalArea === 'string' ? Number(p.goalArea) : NaN;
    if (this.plan.goalAreas.some((a) => a.number === area)) out.goalArea = String(area);
    if (typeof p.action === 'string') {
      const found = findAction(this.plan, p.action);
      if (found && String(found.area.number) === out.goalArea) out.action = found.action.code;
    }
    if (typeof p.category === 'string' && (CATEGORIES as readonly string[]).includes(p.category)) out.category = p.category;
    if (typeof p.phase === 'string' && (PHASES as readonly string[]).includes(p.phase)) out.phase = p.phase;
    return out;
  }
}
