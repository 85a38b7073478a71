import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The packages' names resolve to their sources, as tsconfig.json's `paths` say for tsc and tsx. */
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Most specific first: an alias matches as a prefix.
    alias: [
      { find: /^@opsmerge\/sdk\/core$/, replacement: source('./src/core.ts') },
      { find: /^@opsmerge\/sdk\/oauth$/, replacement: source('./src/oauth/index.ts') },
      { find: /^@opsmerge\/sdk\/redis$/, replacement: source('./src/redis.ts') },
      { find: /^@opsmerge\/sdk\/openapi\.json$/, replacement: source('./generated/openapi.json') },
      { find: /^@opsmerge\/sdk$/, replacement: source('./src/index.ts') },
      { find: /^@opsmerge\/mocks\/server$/, replacement: source('./mocks/node-server.ts') },
      { find: /^@opsmerge\/mocks\/validate$/, replacement: source('./mocks/validate.ts') },
      { find: /^@opsmerge\/mocks\/scenarios$/, replacement: source('./mocks/scenarios.ts') },
      { find: /^@opsmerge\/mocks$/, replacement: source('./mocks/index.ts') },
    ],
  },
  test: {
    // CI's summary line is computed from the JSON report (.ci/run → scripts/gates/ci-summary.mjs).
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.VITEST_JSON_REPORT ? { outputFile: { json: process.env.VITEST_JSON_REPORT } } : {}),
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
