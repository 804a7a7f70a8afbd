// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { pagefindIntegration } from './src/integrations/pagefind.mjs';
import { DEFAULT_LOCALE, LOCALES } from './src/i18n/locales.ts';

/** Public address of the site; used for the sitemap, canonical links and security.txt. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  // Tests that build broken content use their own cache, so they never pollute the real one.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'always',
  // Dutch without a prefix; every other language under its own (/pl/, /uk/ …). Pages decide
  // per route what is translated; untranslated pages get a notice page, not a 404.
  i18n: {
    locales: [...LOCALES],
    defaultLocale: DEFAULT_LOCALE,
    routing: { prefixDefaultLocale: false, redirectToDefaultLocale: false },
  },
  // Every page is prerendered unless it opts out (the report form, later).
  output: 'static',
  adapter: node({
    mode: 'standalone',
    // Send the CSP of prerendered pages as a response header, not only a <meta> tag.
    staticHeaders: true,
    // A report is a few KB; refuse anything bigger early.
    bodySizeLimit: 64 * 1024,
  }),
  integrations: [
    mdx(),
    // Pages marked noindex (the report form and receipt, search) stay out of the sitemap.
    sitemap({ filter: (page) => !/\/(melden\/anoniem|zoeken)\//.test(new URL(page).pathname) }),
    pagefindIntegration(),
  ],
  build: {
    format: 'directory',
    // Small stylesheets inline would need CSP hashes; keep CSS in files served from 'self'.
    inlineStylesheets: 'never',
  },
  compressHTML: true,
  // No code blocks on this site; Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  security: {
    // Astro's check refuses `Origin: null`, which browsers send for every form POST from a page
    // with Referrer-Policy no-referrer (Fetch spec, "serializing a request origin"). Our intake
    // does its own cross-site check on Sec-Fetch-Site instead (src/lib/report/intake.ts).
    checkOrigin: false,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
      ],
    },
  },
  devToolbar: { enabled: false },
});
