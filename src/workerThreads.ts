import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

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
  return new Worker(file, { ...(fromSource && !hasTsx ? { execArgv: ['--import', import.meta.resolve('tsx')] } : {}), workerData });
}
