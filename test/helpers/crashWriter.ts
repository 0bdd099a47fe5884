import { SqliteStore } from '../../src/storage/sqliteStore.js';

/**
 * Child process for the crash test: writes documents as fast as it can and prints the id
 * of each one the store has acknowledged, until it is killed with SIGKILL.
 */
const store = new SqliteStore(process.argv[2] ?? 'data');
const drafts = store.collection<{ id: string; pk: string; text: string }>('state');
let n = 0;
const writeOne = async (): Promise<void> => {
  const id = `d${n++}`;
  await drafts.create({ id, pk: `user-${n % 5}`, text: `utkast ${id} ${'x'.repeat(200)}` });
  process.stdout.write(`${id}\n`);
};
for (;;) await Promise.all([writeOne(), writeOne(), writeOne(), writeOne()]);
