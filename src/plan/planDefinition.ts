import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlanFile } from './planFile.js';

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

/**
 * The Göteborg plan shipped with Planpiloten: the default PLAN_FILE and the example of the
 * format. Found from this module's own location (src/ or dist/src/), never from
 * KNOWLEDGE_DIR, so pointing the bot at other documents does not lose the plan.
 */
export const BUNDLED_PLAN_FILE = path.join(projectRoot(), 'knowledge', 'plan-for-digitalisering-2023-2026.md');

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Reads a plan file; throws naming the file, line and problem when it is not usable. */
export async function loadPlan(file: string): Promise<PlanDefinition> {
  const { plan, problems } = parsePlanFile(await readFile(file, 'utf8'));
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'));
  return plan;
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
