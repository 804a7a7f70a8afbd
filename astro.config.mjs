// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { pagefindIntegration } from './src/integrations/pagefind.mjs';

/** Public address of the site; used for the sitemap, canonical links and security.txt. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Every page is prerendered unless it opts out (the report form, later).
  output: 'static',
  adapter: node({
    mode: 'standalone',
    // Send the CSP of prerendered pages as a response header, not only a <meta> tag.
    staticHeaders: true,
    // A report is a few KB; refuse anything bigger early.
    bodySizeLimit: 64 * 1024,
  }),
  integrations: [mdx(), sitemap(), pagefindIntegration()],
  build: {
    format: 'directory',
    // Small stylesheets inline would need CSP hashes; keep CSS in files served from 'self'.
    inlineStylesheets: 'never',
  },
  compressHTML: true,
  // No code blocks on this site; Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  security: {
    checkOrigin: true,
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
