import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and acceptance/corpus tests that run the CLI
// in-process. `npm run test:smoke` runs only the acceptance project (used under Node 24 in CI).
export default defineConfig({
  test: {
    // Hermetic tool settings: never read the developer's ~/.config/jobs.
    env: { XDG_CONFIG_HOME: '/nonexistent-jobs-test-config' },
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
