import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built site on the real Node server (started on a free
 * port by tests/e2e/global-setup.ts), in Debian's Chromium: Playwright cannot download its
 * own browser on these machines.
 *
 * Debian's headless shell (package chromium-headless-shell) when it is installed: the same Blink
 * and V8 without the full browser's layers, what Playwright itself runs for headless tests, and
 * about a quarter less time on the page checks (docs/TESTS.md). Otherwise the full Chromium.
 * CHROMIUM_PATH chooses another (CHROMIUM_PATH=/usr/bin/chromium for `--headed`: the shell has
 * no window).
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const browser = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: browser,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
});
