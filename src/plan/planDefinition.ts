import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One action (insats) of the plan, e.g. 1C. */
export interface PlanAction {
  code: string;
  text: string;
}

/** One goal area (målområde) with its actions. */
export interface GoalArea {
  number: number;
  title: string;
  actions: PlanAction[];
}

export interface PlanDefinition {
  title: string;
  goalAreas: GoalArea[];
}

const GOAL_AREA = /^##\s+Målområde\s+(\d+)\s*[–-]\s*(.+?)\s*$/;
const ACTION = /^\s*[-*]\s+(\d[A-Za-z]):\s*(.+?)\s*$/;

/**
 * Reads the plan's structure from its Markdown definition in the knowledge folder:
 * "## Målområde 1 – title" headings with "- 1A: text" items. The same file is indexed for
 * questions, so the plan is written down once.
 */
export function parsePlan(markdown: string): PlanDefinition {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const title = lines.find((l) => l.startsWith('# '))?.slice(2).trim() ?? 'Plan för digitalisering';
  const goalAreas: GoalArea[] = [];
  for (const line of lines) {
    const area = GOAL_AREA.exec(line);
    if (area) {
      goalAreas.push({ number: Number(area[1]), title: area[2] ?? '', actions: [] });
      continue;
    }
    const action = ACTION.exec(line);
    const current = goalAreas.at(-1);
    if (action && current) current.actions.push({ code: (action[1] ?? '').toUpperCase(), text: action[2] ?? '' });
  }
  return { title, goalAreas };
}

/** The first Markdown file in the folder that defines målområden; an empty plan if none does. */
export async function loadPlan(knowledgeDir: string): Promise<PlanDefinition> {
  const files = (await readdir(knowledgeDir)).filter((f) => f.toLowerCase().endsWith('.md')).sort();
  for (const file of files) {
    const plan = parsePlan(await readFile(path.join(knowledgeDir, file), 'utf8'));
    if (plan.goalAreas.length > 0) return plan;
  }
  return { title: 'Plan för digitalisering', goalAreas: [] };
}

/** The goal area and action for a code such as "1C" or "1 c", if the plan has them. */
export function findAction(plan: PlanDefinition, code: string): { area: GoalArea; action: PlanAction } | undefined {
  const normalised = code.replace(/\s+/g, '').toUpperCase();
  for (const area of plan.goalAreas) {
    const action = area.actions.find((a) => a.code === normalised);
    if (action) return { area, action };
  }
  return undefined;
}
