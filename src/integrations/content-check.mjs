/**
 * Checks content/ before Astro starts (issue 24): every schema, MDX text, reference,
 * translation and route, with the same messages as `npm run check:content`. On a mistake the
 * build stops before Vite prints anything, so the editor's errors are the first thing in the
 * log, and they are repeated as the build's error, so they are the last thing too. Under
 * `astro dev` the list is printed and the server keeps running, so a draft can be previewed.
 * Plain JavaScript, like astro.config.mjs that loads it.
 */
import { rmSync } from 'node:fs';

const CONTENT_DIR = process.env.CONTENT_DIR ?? './content';

export function contentCheckIntegration() {
  return {
    name: 'meldwijzer:content-check',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        // A build keeps parsed entries in <cacheDir>/data-store.json and re-parses a file only when the
        // file changes, not when its schema does: a new field with a default then stays undefined
        // in every cached entry and the build fails far from the cause. A build reads content
        // afresh (a second or two); `astro dev` keeps the cache for speed.
        if (command === 'build') rmSync(new URL('data-store.json', config.cacheDir), { force: true });
        const defines = {
          // Concepts (draft: true) are shown by `astro dev` only; baked into the bundle, so the
          // built server never shows one either (src/lib/site-data.ts).
          __MELDWIJZER_SHOW_DRAFTS__: JSON.stringify(command === 'dev'),
          // Stale translations, worked out here from content/vertalingen/<taal>.bron.json and baked
          // into the bundle, so the built server and the Worker read no content files at run time.
          __MELDWIJZER_STALE__: JSON.stringify({}),
        };
        const define = () => updateConfig({ vite: { define: defines } });
        if (command !== 'build' && command !== 'dev') return define();
        const { checkContent } = await import('../lib/content/check.ts');
        const { formatProblems } = await import('../lib/content/integrity.ts');
        const { problems } = checkContent(CONTENT_DIR);
        if (problems.length === 0) {
          const { staleTranslationKeys } = await import('../lib/content/translation-sources.ts');
          const stale = staleTranslationKeys(CONTENT_DIR);
          defines.__MELDWIJZER_STALE__ = JSON.stringify(Object.fromEntries(Object.entries(stale).map(([locale, keys]) => [locale, [...(keys ?? [])]])));
          define();
          logger.info('Inhoud gecontroleerd: geen fouten.');
          return;
        }
        define();
        const report = formatProblems(problems);
        console.error(`\n${report}\n`);
        if (command === 'dev') return;
        const error = new Error(`${report}\n\nDe site is niet gebouwd. Herstel de fouten hierboven, of controleer sneller met npm run check:content.`);
        // The message is the whole story: a stack trace would push it up the screen.
        error.stack = '';
        throw error;
      },
    },
  };
}
