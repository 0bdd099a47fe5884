import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Options of an evaluated script (`node -e`), which a thread inheriting them would fail on. */
const EVAL_OPTIONS = new Set(['-e', '--eval', '-p', '--print']);

/** The process's options without those of an evaluated script; undefined when it has none. */
function withoutEvalOptions(execArgv: readonly string[]): string[] | undefined {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i] ?? '';
    if (EVAL_OPTIONS.has(option)) i++;
    else if (!/^--(?:eval|print|input-type)=/.test(option) && option !== '--input-type') kept.push(option);
  }
  return kept.length === execArgv.length ? undefined : kept;
}

/**
 * Starts the module `name` beside `from` (an import.meta.url) as a worker thread. From the
 * build it is the .js file; from the TypeScript sources (tests, tsx) the .ts file, with tsx
 * loaded in the thread as well.
 */
export function startThread(from: string, name: string, workerData?: unknown): Worker {
  const fromSource = fileURLToPath(from).endsWith('.ts');
  const file = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, from);
  // Under `tsx` or `--import tsx` the thread inherits the loader with the process's options
  // (also V8's, such as --expose-gc, which may not be given to a thread explicitly).
  const hasTsx = process.execArgv.some((a) => a.includes('tsx'));
  // Otherwise tsx is loaded from this project, wherever the process was started.
  // From `node -e` they are inherited without the script (V8's options may only be inherited, not given).
  const inherited = withoutEvalOptions(process.execArgv);
  const execArgv = fromSource && !hasTsx ? ['--import', import.meta.resolve('tsx'), ...(inherited ?? [])] : inherited;
  return new Worker(file, { ...(execArgv ? { execArgv } : {}), workerData });
}
