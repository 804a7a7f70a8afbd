/**
 * The serverless target's suite (npm run test:serverless, in npm run test:more, which .ci/run runs after npm test): builds the
 * Worker once (global-setup.ts), then drives it in workerd. Separate from vitest.config.ts so the
 * build and workerd never compete with the timing-sensitive integration tests.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/serverless/**/*.test.ts'],
    globalSetup: ['tests/serverless/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
