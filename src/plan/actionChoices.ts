import type { PlanAction, PlanDefinition } from './planDefinition.js';

/** Longest insats title in a list: a dropdown shows one line, also on a phone. */
export const ACTION_TITLE_MAX = 72;

/** The dataset name the insats list asks the bot for, as cards and the search route share it. */
export const ACTION_DATASET = 'planpiloten.insatser';

/** Text cut at the last whole word that fits, with "…" when something was left out. */
export function shortenAtWord(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const room = t.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = (space > max / 2 ? room.slice(0, space) : room).replace(/[\s,;:–-]+$/, '');
  return `${cut}…`;
}

/** "1C – För att stärka och kvalitetssäkra arbetet …": the code first, then as much as fits. */
export function actionTitle(action: PlanAction, max = ACTION_TITLE_MAX): string {
  const code = `${action.code} – `;
  return `${code}${shortenAtWord(action.text, max - code.length)}`;
}

/** "1C – " and the whole text, where there is room (summary, receipt, detail). */
export function actionFullTitle(action: PlanAction): string {
  return `${action.code} – ${action.text}`;
}

/**
 * The insatser a person can pick: those of the målområde chosen (all of them when none is
 * chosen yet), narrowed by what is typed, matched against code and text alike.
 */
export function actionChoices(plan: PlanDefinition, goalArea?: number, query = ''): { title: string; value: string }[] {
  const areas = goalArea !== undefined && plan.goalAreas.some((a) => a.number === goalArea) ? plan.goalAreas.filter((a) => a.number === goalArea) : plan.goalAreas;
  const words = query.toLocaleLowerCase('sv-SE').split(/\s+/).filter(Boolean);
  return areas
    .flatMap((a) => a.actions)
    .filter((x) => {
      const haystack = `${x.code} ${x.text}`.toLocaleLowerCase('sv-SE');
      return words.every((w) => haystack.includes(w));
    })
    .map((x) => ({ title: actionTitle(x), value: x.code }));
}
