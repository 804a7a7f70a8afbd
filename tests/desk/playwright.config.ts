import { defineConfig } from '@playwright/test';
import site from '../../playwright.config.ts';

/**
 * The intake desk end to end (npm run test:desk): the built site and the desk as real
 * processes, Debian's Chromium (the site's launch settings) with a CDP virtual authenticator
 * (passkeys with PRF). The tests of a spec file share one desk and one site, started by the spec
 * itself (support.ts, startStack: the site needs the keys the desk's set-up makes). Needs the
 * site's build (npm run build); the desk is built once, before the workers (global-setup.ts).
 * Two workers: each runs one spec file at a time, with its own desk, site, ports and folders.
 *
 * Which store runs what. Every spec runs on SQLite, the embedded store. What each store does with
 * a call is proven on both engines by the store contract (tests/integration/desk-store.test.ts;
 * concurrency where it matters). What the PostgreSQL run adds is the
 * wiring: the desk process opening PostgreSQL from DESK_DATABASE_URL, its schema made on first
 * start, and every store call the pages make going through the real API to PostgreSQL and back to
 * the browser. Three spec files together make every one of those calls through the real pages
 * (checked once by counting the store methods a run calls):
 * - desk.spec.ts: set-up (settings, first member and passkey), reports received from the site
 *   (receive), the inbox in pages and a case (casePage, countCases, listCases for the figures,
 *   getCase, events, markRead,
 *   getMember), acknowledge, assign, status and closing (updateCase), question and note
 *   (addOutgoing, outgoing), the templates list the case offers (seedTemplates, listTemplates),
 *   sign-in and unlock (spendChallenge, sessions), export, figures, the audit chain (appendAudit,
 *   audit, verified by `npm run desk -- verify-audit`), a member without PRF and "sign out
 *   everywhere" (deleteSessionsOf), and no content in pg_dump;
 * - keys.spec.ts: invitations (add, get, use), access and re-wrapping (updateCredential,
 *   listMembers), removing a member with an open session (removeMember), the key rotation
 *   (rotateKey), a second passkey and removing the first (addCredential, credentialsOf,
 *   removeCredential), signing out (deleteSession);
 * - templates.spec.ts: adding, changing and removing a template (addTemplate, updateTemplate,
 *   deleteTemplate).
 * In desk.spec.ts the tests whose every store call another PostgreSQL test already makes run on
 * SQLite only, and axe and the Nu HTML Checker run in the SQLite run only (the pages are the same
 * with either store). Not on PostgreSQL: keyboard.spec.ts (focus and the tab order),
 * inbox.spec.ts (paging in the page; the list query is in the contract), sign-in-flood.spec.ts
 * (the limiter is in the desk's memory; a failed sign-in reads one passkey). docs/TESTS.md has the
 * measurements.
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
  projects: [{ name: 'sqlite' }, { name: 'postgres', testMatch: ['desk.spec.ts', 'keys.spec.ts', 'templates.spec.ts'] }],
});
