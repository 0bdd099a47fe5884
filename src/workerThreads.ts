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
  const execArgv = fromSource && !hasTsx ? [...process.execArgv, '--import', 'tsx'] : process.execArgv;
  return new Worker(file, { execArgv, workerData });
}
