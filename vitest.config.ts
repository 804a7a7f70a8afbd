/**
 * The Vitest layers of the test pyramid (docs/TESTS.md):
 * - unit: plain TypeScript and content, no build, no servers, no Java, no PostgreSQL — seconds;
 * - components: .astro components rendered alone with Astro's Container API, from example
 *   data (own config, because it needs Astro's Vite plugin) — seconds;
 * - integration: the built site in dist/, real server processes, PostgreSQL, Java (the Nu HTML
 *   Checker) and builds of broken content — needs `npm run build` first.
 * `npm run test:unit` runs the first two, `npm run test:integration` the last (but for the
 * replicas, `npm run test:replicas`).
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest's default is one worker less than the cores: one worker on a 2-core machine. The
 * integration files mostly wait for the processes they start (servers, Java, builds), so two
 * files at a time use both cores. Projects run together must agree on it (components too).
 */
export const maxWorkers = Math.max(2, availableParallelism() - 1);

const REPLICAS = 'tests/integration/replicas.test.ts';

export default defineConfig({
  test: {
    maxWorkers,
    projects: [
      // Unit files share nothing but read-only modules, so one worker may run several of them
      // (isolate: false): half the time on 2 cores, mostly worker start-up (measured 34 s → 18 s).
      // A few unit files start a Node process (the receiver's keygen, the desk's verify-audit):
      // seconds alone, past Vitest's 5 s default when the two cores are busy with a build.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false, testTimeout: 30_000 } },
      'tests/components/vitest.config.ts',
      // replicas.test.ts checks a set-up npm start does not use (PostgreSQL with two instances,
      // one killed mid-delivery): run by `npm run test:more`, the part .ci/run adds to npm test.
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], exclude: [REPLICAS] } },
      { test: { name: 'replicas', include: [REPLICAS] } },
    ],
  },
});
