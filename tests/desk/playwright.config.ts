import { defineConfig } from '@playwright/test';
import site from '../../playwright.config.ts';

/**
 * The intake desk end to end (npm run test:desk): the built site and the desk as real
 * processes, Debian's Chromium (the site's launch settings) with a CDP virtual authenticator
 * (passkeys with PRF). One worker: the tests share one desk and one site, started by the spec
 * itself (the site needs the keys the desk's set-up makes), once with each store. Needs the
 * site's build (npm run build); the desk builds itself.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 120_000,
  use: site.use,
  // The same run on each of the desk's stores: the embedded SQLite file and PostgreSQL.
  projects: [{ name: 'sqlite' }, { name: 'postgres' }],
});
