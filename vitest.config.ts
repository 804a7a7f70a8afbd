/**
 * The Vitest layers of the test pyramid (docs/TESTS.md):
 * - unit: plain TypeScript and content, no build, no servers, no Java, no PostgreSQL — seconds;
 * - components: .astro components rendered alone with Astro's Container API, from example
 *   data (own config, because it needs Astro's Vite plugin) — seconds;
 * - integration: the built site in dist/, real server processes, PostgreSQL, Java (the Nu HTML
 *   Checker) and builds of broken content — needs `npm run build` first.
 * `npm run test:unit` runs the first two, `npm run test:integration` the last (but for the
 * long checks, `npm run test:long`).
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest's default is one worker less than the cores: one worker on a 2-core machine. The
 * integration files mostly wait for the processes they start (servers, Java, builds), so two
 * files at a time use both cores. Projects run together must agree on it (components too).
 */
export const maxWorkers = Math.max(2, availableParallelism() - 1);

/**
 * The long checks: not in npm test but in `npm run test:more`, the part .ci/run adds to it
 * (docs/TESTS.md, "Two tiers"). A set-up npm start does not use (PostgreSQL with three instances,
 * one killed mid-delivery), a flood larger than the render queue (the same scenario runs against
 * the Worker in test:more), and an editor's session on a copy of the content (its own build and
 * a dev server): together about a minute of CPU.
 */
const LONG = ['tests/integration/replicas.test.ts', 'tests/integration/paid-lane.test.ts', 'tests/integration/editing.test.ts'];

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
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], exclude: LONG } },
      { test: { name: 'long', include: LONG } },
    ],
  },
});
