import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Options of an evaluated script (`node -e`), which a thread inheriting them would fail on. */
const EVAL_OPTIONS = /^(-e|--eval|-p|--print|--input-type)(=|$)/;
/** Options that load modules (tsx), the only ones a thread may be given explicitly besides its own. */
const LOADER_OPTIONS = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;

/**
 * From `node -e`: the process's loader options without the script, since a thread cannot
 * inherit an evaluated script's options and may not be given V8's explicitly. Otherwise
 * undefined: the thread inherits them all.
 */
function loaderOptionsOfEval(execArgv: readonly string[]): string[] | undefined {
  if (!execArgv.some((option) => EVAL_OPTIONS.test(option))) return undefined;
  const kept: string[] = [];
  execArgv.forEach((option, i) => {
    if (LOADER_OPTIONS.test(option)) kept.push(option, ...(option.includes('=') ? [] : [execArgv[i + 1] ?? '']));
  });
  return kept;
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
  const loaders = loaderOptionsOfEval(process.execArgv);
  const execArgv = fromSource && !hasTsx ? ['--import', import.meta.resolve('tsx'), ...(loaders ?? [])] : loaders;
  return new Worker(file, { ...(execArgv ? { execArgv } : {}), workerData });
}
