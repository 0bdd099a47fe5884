import type { GoalArea, PlanDefinition } from './planDefinition.js';

/** One thing wrong with a plan file, with the line (1-based) it is on. */
export interface PlanProblem {
  line: number;
  message: string;
}

export interface ParsedPlanFile {
  plan: PlanDefinition;
  /** Empty when the plan is usable; otherwise every problem found, in line order. */
  problems: PlanProblem[];
}

const HEADING = /^##\s+Målområde\b/i;
const GOAL_AREA = /^##\s+Målområde\s+(\d+)\s*[–—-]\s*(\S.*?)\s*$/i;
/** A bullet that looks like a code with a colon ("- 1A:", "- 1 a:") is meant as an action. */
const ACTION_LIKE = /^\s*[-*]\s+\d+\s*[A-Za-zÅÄÖåäö]{1,2}\s*:/;
/** Inside a goal area, "- 1A text" (no colon) is a mistyped action too. */
const ACTION_WITHOUT_COLON = /^\s*[-*]\s+\d+[A-Za-z](\s|$)/;
const ACTION = /^\s*[-*]\s+(\d+)([A-Z])\s*:\s*(.*?)\s*$/i;
const TITLE = /^#\s+(\S.*?)\s*$/;
const DEFAULT_TITLE = 'Plan för digitalisering';
/** Longer than this cannot be shown in a card's choice list without being cut. */
export const MAX_TITLE_LENGTH = 200;

/**
 * Reads a plan written by hand in Markdown (the format is described in the README):
 *
 * ```
 * # Plan för digitalisering 2023–2026
 * ## Målområde 1 – Uppnå balans mellan effektivitet och innovation
 * - 1A: Samlad analys av utvecklingsportföljerna ska genomföras.
 * ```
 *
 * Any other line is prose and is left alone, so the same file can also be one of the
 * documents the bot answers from. Every problem is reported with its line, and a plan with
 * problems is not used: half a plan would let people register against the wrong codes.
 */
export function parsePlanFile(text: string): ParsedPlanFile {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const problems: PlanProblem[] = [];
  const goalAreas: GoalArea[] = [];
  const areaLines = new Map<GoalArea, number>();
  const codes = new Map<string, number>();
  let title: string | undefined;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const heading = TITLE.exec(raw);
    if (heading && title === undefined) {
      title = heading[1];
      return;
    }
    if (HEADING.test(raw)) {
      const area = GOAL_AREA.exec(raw);
      if (!area) {
        problems.push({ line, message: 'rubriken ska se ut som "## Målområde 1 – Titel" (nummer, tankstreck, titel)' });
        return;
      }
      const number = Number(area[1]);
      const areaTitle = area[2] ?? '';
      const earlier = goalAreas.find((a) => a.number === number);
      if (earlier) problems.push({ line, message: `målområde ${number} finns redan på rad ${areaLines.get(earlier) ?? '?'}` });
      if (number < 1) problems.push({ line, message: 'målområdets nummer ska vara 1 eller högre' });
      if (areaTitle.length > MAX_TITLE_LENGTH) problems.push({ line, message: `titeln är längre än ${MAX_TITLE_LENGTH} tecken` });
      const created: GoalArea = { number, title: areaTitle, actions: [] };
      goalAreas.push(created);
      areaLines.set(created, line);
      return;
    }
    if (!ACTION_LIKE.test(raw) && !(goalAreas.length > 0 && ACTION_WITHOUT_COLON.test(raw))) return;
    const action = ACTION.exec(raw);
    if (!action) {
      problems.push({ line, message: 'en insats skrivs "- 1A: text" (målområdets nummer, en bokstav, kolon, text)' });
      return;
    }
    const current = goalAreas.at(-1);
    const code = `${action[1] ?? ''}${(action[2] ?? '').toUpperCase()}`;
    const actionText = action[3] ?? '';
    if (!current) {
      problems.push({ line, message: `insatsen ${code} står före första "## Målområde"-rubriken` });
      return;
    }
    if (Number(action[1]) !== current.number) {
      problems.push({ line, message: `insatsen ${code} står under målområde ${current.number}; koden ska börja med ${current.number}` });
    }
    const earlier = codes.get(code);
    if (earlier !== undefined) problems.push({ line, message: `koden ${code} finns redan på rad ${earlier}` });
    else codes.set(code, line);
    if (!actionText) problems.push({ line, message: `insatsen ${code} saknar text efter kolon` });
    current.actions.push({ code, text: actionText });
  });

  for (const area of goalAreas) {
    if (area.actions.length === 0) problems.push({ line: areaLines.get(area) ?? 1, message: `målområde ${area.number} har inga insatser ("- ${area.number}A: text")` });
  }
  if (goalAreas.length === 0) problems.push({ line: 1, message: 'filen har inga målområden: skriv minst en rubrik "## Målområde 1 – Titel" med insatser under' });
  problems.sort((a, b) => a.line - b.line);
  return { plan: { title: title ?? DEFAULT_TITLE, goalAreas }, problems };
}
