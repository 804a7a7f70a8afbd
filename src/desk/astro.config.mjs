// @ts-check
/**
 * The intake desk (meldbalie): its own Astro project, its own build (dist-desk/) and its own
 * process (scripts/desk.ts, `npm run desk`). The public site never imports or links to it.
 * Pages are static shells; @astrojs/node (standalone) serves them as a handler inside the desk's
 * server, which answers /api/… itself (src/desk/server/).
 */
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { fileURLToPath } from 'node:url';
import { themeIntegration } from '../integrations/theme.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  srcDir: here,
  publicDir: fileURLToPath(new URL('./public/', import.meta.url)),
  outDir: fileURLToPath(new URL('../../dist-desk/', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../../node_modules/.astro-desk/', import.meta.url)),
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  // The deployment's look (MELDWIJZER_THEME), the same tokens as the public site.
  integrations: [themeIntegration()],
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Every script in its own file: the CSP allows no inline script ('self' only).
  vite: { build: { assetsInlineLimit: 0 } },
  compressHTML: true,
  devToolbar: { enabled: false },
  // No Astro sessions: the desk keeps its own (src/desk/server/auth.ts).
  session: false,
});
