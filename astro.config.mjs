// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { pagefindIntegration } from './src/integrations/pagefind.mjs';
import { pageTitlesIntegration } from './src/integrations/page-titles.mjs';
import { precompressIntegration } from './src/integrations/precompress.mjs';
import { themeIntegration } from './src/integrations/theme.mjs';
import { contentCheckIntegration } from './src/integrations/content-check.mjs';
import { DEFAULT_LOCALE, LOCALES } from './src/i18n/locales.ts';
import { BODY_LIMITS } from './src/lib/report/http/body.ts';

/** Public address of the site; used for the sitemap, canonical links and security.txt. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

/**
 * Which host the build is for: `node` (the default: our own server, src/server/serve.mjs, into
 * dist/) or `cloudflare` (static assets plus a Worker, into dist-serverless/; see
 * `npm run build:serverless` and docs/DEPLOY.md). Both builds serve the same pages and handler.
 */
const target = process.env.MELDWIJZER_TARGET || 'node';
if (target !== 'node' && target !== 'cloudflare') {
  throw new Error(`MELDWIJZER_TARGET=${target} bestaat niet. Kies node (standaard) of cloudflare.`);
}

/** The Node server's adapter (the embedded default). */
const nodeAdapter = () =>
  node({
    mode: 'standalone',
    // Send the CSP of prerendered pages as a response header, not only a <meta> tag.
    staticHeaders: true,
    // A report is a few KB; refuse anything bigger early. Every endpoint's own cap is in the same table.
    bodySizeLimit: BODY_LIMITS.host,
  });

/**
 * The Worker: src/worker/entry.ts around Astro's handler, settings in src/worker/wrangler.jsonc.
 * Prerendering runs in Node, as for the Node build, so both targets ship the same static pages.
 * Loaded only for this target, so the Node build never touches the Cloudflare packages.
 */
const cloudflareAdapter = async () => {
  const { default: cloudflare } = await import('@astrojs/cloudflare');
  const { serverlessHeadersIntegration } = await import('./src/integrations/serverless-headers.mjs');
  return {
    // No image service: the site has no images to transform, so no Images binding either.
    adapter: cloudflare({ configPath: './src/worker/wrangler.jsonc', prerenderEnvironment: 'node', imageService: 'passthrough' }),
    integrations: [serverlessHeadersIntegration()],
  };
};
const serverless = target === 'cloudflare' ? await cloudflareAdapter() : undefined;

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
  // Its own folder, so a serverless build never overwrites the Node build the tests serve.
  ...(serverless ? { outDir: './dist-serverless' } : {}),
  // No sessions: the site sets no cookies (otherwise the Cloudflare adapter enables KV sessions).
  ...(serverless ? { session: false } : {}),
  adapter: serverless ? serverless.adapter : nodeAdapter(),
  integrations: [
    // First: content mistakes stop the build before anything else prints (issue 24).
    contentCheckIntegration(),
    // The deployment's look: MELDWIJZER_THEME=<folder> (default themes/neutraal; docs/DEPLOY.md).
    themeIntegration(),
    mdx(),
    // Pages marked noindex (the report form and receipt, search) stay out of the sitemap.
    sitemap({ filter: (page) => !/\/(melden\/anoniem|zoeken)\//.test(new URL(page).pathname) }),
    pagefindIntegration(),
    pageTitlesIntegration(),
    // After Pagefind: Brotli and gzip copies of the text files and the file table the Node server
    // reads at start-up (src/server/static-files.mjs). The Worker's platform compresses itself.
    ...(serverless ? serverless.integrations : [precompressIntegration()]),
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
    // does its own cross-site check on Sec-Fetch-Site instead (src/lib/report/core/intake.ts).
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
  vite: {
    server: {
      // `astro dev` watches the project folder. Builds (.builds/, reached also through the dist
      // link, dist-serverless/, dist-desk/) and the tests' copies (.tmp/) are tens of thousands of
      // files no page imports: walking them was most of the start-up (about 8 of 14 s of CPU),
      // and a test copying a build there while the preview ran cost it 20 s more in file events.
      watch: { ignored: ['**/.builds/**', '**/dist/**', '**/dist-serverless/**', '**/dist-desk/**', '**/.tmp/**'] },
    },
  },
});
