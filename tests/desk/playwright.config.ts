import { defineConfig } from '@playwright/test';
import site from '../../playwright.config.ts';

/**
 * The intake desk end to end (npm run test:desk): the built site and the desk as real
 * processes, Debian's Chromium (the site's launch settings) with a CDP virtual authenticator
 * (passkeys with PRF). The tests of a spec file share one desk and one site, started by the spec
 * itself (the site needs the keys the desk's set-up makes), once with each store. Needs the
 * site's build (npm run build); the desk is built once, before the workers (global-setup.ts).
 * Two workers: each runs one spec file for one store at a time, with its own desk, site, ports
 * and folders, so the SQLite and PostgreSQL runs go side by side (39 s -> 29 s, docs/TESTS.md).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 120_000,
  use: site.use,
  // The same run on each of the desk's stores: the embedded SQLite file and PostgreSQL.
  projects: [{ name: 'sqlite' }, { name: 'postgres' }],
});
