/**
 * Vitest globalSetup: one PostgreSQL server for the whole test run, its URL handed to the tests
 * as inject('postgresUrl'). Tests create their own databases on it (createDatabase in
 * ./postgres.ts), so files running in parallel never share tables.
 *
 * Wire it in vitest.config.ts: test.globalSetup: ['tests/support/postgres-global-setup.ts'].
 * A test file run without it starts its own server (see tests/integration/postgres-store.test.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
