import { USAGE } from '../src/followUp/followUpAnswer.js';
import type { FollowUpView } from '../src/followUp/followUpService.js';
import { OPEN_PHASES, type Initiative } from '../src/initiatives/initiative.js';
import { localDate } from '../src/time/clock.js';
import { escapeMarkdown, expandCard, type CardJson } from './cards.js';

export const FOLLOW_UP_VERB = 'followUp';

const capitalised = (v: string): string => v.charAt(0).toUpperCase() + v.slice(1);

/** What a prompt is about, in words: its period key made readable. */
export function periodText(period: string): string {
  const [kind, a, b] = period.split(':');
  if (kind === 'periodic') return `uppföljning för ${a ?? ''}`;
  if (kind === 'target') return `måldatum ${b ?? ''} har passerat`;
  if (kind === 'in-operation') return 'en månad i drift';
  return 'uppföljning';
}

function nextText(next: Date | null): string {
  return next ? `Nästa uppföljning kommer ${localDate(next)}.` : 'Ingen uppföljning är planerad just nu.';
}

function benefitFacts(initiative: Initiative): { title: string; value: string }[][] {
  return initiative.benefits.map((b) => [
    { title: 'Indikator', value: escapeMarkdown(b.indicator || '–') },
    { title: 'Utgångsvärde', value: escapeMarkdown(b.baseline || '–') },
    { title: 'Mål', value: escapeMarkdown(`${b.target || '–'} till ${b.targetDate}`) },
    { title: 'Senast rapporterat', value: escapeMarkdown(b.lastValue ? `${b.lastValue} (${b.lastReportedAt?.slice(0, 10) ?? ''})` : 'inget än') },
  ]);
}

/** The follow-up prompt, its receipt, or a short message. */
export function followUpCard(view: FollowUpView): CardJson {
  switch (view.kind) {
    case 'prompt': {
      const i = view.initiative;
      const errors: Record<string, string> = { _form: '', usedAsIntended: '', obstacles: '', planChanges: '', newPhase: '' };
      for (const [k, v] of Object.entries(view.errors)) errors[k] = escapeMarkdown(v);
      const facts = benefitFacts(i);
      return expandCard('follow-up', {
        name: escapeMarkdown(i.name),
        subtitle: escapeMarkdown(`Fas: ${i.phase} · ${periodText(view.prompt.period)}. Det tar under en minut.`),
        promptId: view.prompt.id,
        initiativeId: i.id,
        benefits: i.benefits.map((b, n) => ({
          description: escapeMarkdown(b.description),
          facts: facts[n] ?? [],
          inputId: `value_${n}`,
          inputLabel: `Värde nu${b.indicator ? ` (${b.indicator})` : ''}`,
          value: view.values[`value_${n}`] ?? '',
          error: escapeMarkdown(view.errors[`value_${n}`] ?? ''),
        })),
        usage: USAGE.map((u) => ({ title: capitalised(u), value: u })),
        phases: OPEN_PHASES.map((p) => ({ title: capitalised(p), value: p })),
        values: { usedAsIntended: view.values.usedAsIntended ?? '', obstacles: view.values.obstacles ?? '', planChanges: view.values.planChanges ?? '', newPhase: view.values.newPhase ?? '' },
        errors,
        nextText: view.next ? escapeMarkdown(nextText(view.next)) : '',
      });
    }
    case 'receipt': {
      const r = view.record;
      const facts = [
        ...r.readings.map((x) => ({ title: escapeMarkdown(view.initiative.benefits[x.benefitIndex]?.indicator || `Nytta ${x.benefitIndex + 1}`), value: escapeMarkdown(x.value) })),
        { title: 'Används som tänkt', value: r.usedAsIntended },
        ...(r.obstacles ? [{ title: 'I vägen', value: escapeMarkdown(r.obstacles) }] : []),
        ...(r.planChanges ? [{ title: 'Ändringar i planen', value: escapeMarkdown(r.planChanges) }] : []),
        ...(r.phaseChange ? [{ title: 'Fas', value: r.phaseChange }] : []),
        { title: 'Besvarad', value: localDate(new Date(r.answeredAt)) },
      ];
      return expandCard('follow-up-receipt', {
        title: view.already ? 'Den här uppföljningen var redan besvarad' : 'Tack! Svaret är sparat',
        name: escapeMarkdown(view.initiative.name),
        facts,
        nextText: escapeMarkdown(nextText(view.next)),
      });
    }
    case 'postponed':
      return expandCard('follow-up-receipt', {
        title: view.how === 'snooze' ? `Jag påminner dig ${view.until}` : `Uppföljningen är pausad till ${view.until}`,
        name: escapeMarkdown(view.initiative.name),
        facts: [],
        nextText: escapeMarkdown(nextText(view.next)),
      });
    case 'none':
      return expandCard('noAnswer', { message: escapeMarkdown(view.message), hint: '' });
  }
}
