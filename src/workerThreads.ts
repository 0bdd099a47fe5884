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
  const hasTsx = process.execArgv.some((a) => a === 'tsx' || a.startsWith('--import=tsx'));
  // Left out, the thread inherits the process's options (also V8's, such as --expose-gc,
  // which may not be given to a thread explicitly).
  return new Worker(file, { ...(fromSource && !hasTsx ? { execArgv: ['--import', 'tsx'] } : {}), workerData });
}
