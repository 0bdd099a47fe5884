import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Servers (Cosmos, the bot, the Playground, Chromium) are started per file; two
    // workers match the CI machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
