import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and acceptance/corpus tests that run the CLI
// in-process. `npm run test:smoke` runs only the acceptance project (used under Node 24 in CI).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'acceptance',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
