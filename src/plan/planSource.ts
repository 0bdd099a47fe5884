import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { PlanDefinition } from './planDefinition.js';
import { parsePlanFile, type PlanProblem } from './planFile.js';

/** What the last reading of the plan file found. */
export interface PlanLoadReport {
  file: string;
  /** True when the file was read and had no problems, so it is the plan in use. */
  ok: boolean;
  /** The file could not be read at all (missing, no permission). */
  readError: string | undefined;
  problems: PlanProblem[];
  /** Counts in the plan now in use (an earlier version when this reading failed). */
  goalAreas: number;
  actions: number;
  /** True when this reading failed but an earlier, valid version stays in use. */
  keptPrevious: boolean;
}

/** What people see instead of an empty choice when the deployment has no usable plan. */
export const PLAN_UNAVAILABLE_MESSAGE =
  'Registreringen är inte tillgänglig just nu: planen för digitalisering (målområden och insatser) saknas eller har fel. Be den som förvaltar Planpiloten rätta planfilen; frågor om dokumenten går bra under tiden.';

const EMPTY_PLAN: PlanDefinition = Object.freeze({ title: 'Plan för digitalisering', goalAreas: [] });

/** The problems of a report as lines "file:line: problem", in Swedish, for logs and the CLI. */
export function describePlanProblems(report: PlanLoadReport): string[] {
  if (report.readError) return [`${report.file}: kunde inte läsas (${report.readError})`];
  return report.problems.map((p) => `${report.file}:${p.line}: ${p.message}`);
}

/**
 * The plan (målområden and insatser) from its own file, read at start and again whenever the
 * file changes. A reading with problems never replaces a valid plan, so a half-saved edit
 * cannot break registration; before the first valid reading the plan is empty, which callers
 * check with `current().goalAreas.length === 0`.
 *
 * The file is polled (fs.watchFile) rather than watched with inotify, because inotify does
 * not see changes made through an Azure Files (SMB) mount from another machine.
 */
export class PlanSource {
  private plan: PlanDefinition = EMPTY_PLAN;
  private last: PlanLoadReport | undefined;
  private listener: ((now: Stats, before: Stats) => void) | undefined;
  private loading: Promise<PlanLoadReport> | undefined;
  private pendingReload = false;

  constructor(
    readonly file: string,
    private readonly log?: Logger,
    private readonly pollMs = 2000,
  ) {}

  /** The plan in use now; read it per turn, never keep it. */
  current(): PlanDefinition {
    return this.plan;
  }

  /**
   * A plan object whose fields always read the plan in use, for consumers built once at
   * start that keep a PlanDefinition (cards, validation, prefill): they follow reloads.
   */
  live(): PlanDefinition {
    const read = (): PlanDefinition => this.plan;
    return {
      get title() {
        return read().title;
      },
      get goalAreas() {
        return read().goalAreas;
      },
    };
  }

  /** The last reading, or undefined before the first. */
  get report(): PlanLoadReport | undefined {
    return this.last;
  }

  /** Reads and validates the file; a valid plan replaces the one in use. */
  async load(): Promise<PlanLoadReport> {
    if (this.loading) {
      // The file changed while it was being read: read it once more afterwards.
      this.pendingReload = true;
      return this.loading;
    }
    this.loading = this.read().finally(() => {
      this.loading = undefined;
      if (this.pendingReload) {
        this.pendingReload = false;
        void this.load();
      }
    });
    return this.loading;
  }

  private async read(): Promise<PlanLoadReport> {
    let text: string | undefined;
    let readError: string | undefined;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      readError = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    }
    const parsed = text === undefined ? undefined : parsePlanFile(text);
    const ok = parsed !== undefined && parsed.problems.length === 0;
    if (ok) this.plan = Object.freeze(parsed.plan);
    const report: PlanLoadReport = {
      file: this.file,
      ok,
      readError,
      problems: parsed?.problems ?? [],
      goalAreas: this.plan.goalAreas.length,
      actions: this.plan.goalAreas.reduce((n, a) => n + a.actions.length, 0),
      keptPrevious: !ok && this.plan !== EMPTY_PLAN,
    };
    this.last = report;
    if (ok) {
      this.log?.info({ file: this.file, goalAreas: report.goalAreas, actions: report.actions }, 'plan loaded');
    } else {
      this.log?.error(
        { file: this.file, problems: describePlanProblems(report), keptPrevious: report.keptPrevious },
        report.keptPrevious ? 'plan file has problems: the previous plan stays in use' : 'no usable plan: registration is unavailable until the plan file is fixed',
      );
    }
    return report;
  }

  /** Re-reads the file whenever its size or modification time changes. */
  watch(): void {
    if (this.listener) return;
    this.listener = (now, before) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
      this.load().catch((error: unknown) => this.log?.error({ err: error }, 'plan reload failed'));
    };
    watchFile(this.file, { interval: this.pollMs, persistent: false }, this.listener);
  }

  close(): void {
    if (!this.listener) return;
    unwatchFile(this.file, this.listener);
    this.listener = undefined;
  }
}
