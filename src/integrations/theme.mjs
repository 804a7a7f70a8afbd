/**
 * The deployment's theme (MELDWIJZER_THEME, default themes/neutraal): checked when the build
 * starts (src/lib/theme/load.ts), then handed to the pages as two Vite modules, so the on-demand
 * pages (the report form) carry it too, in Node and in the Worker, without reading files at runtime.
 *   virtual:meldwijzer-theme            { siteName, organisation, logoSvg, deployment }
 *   virtual:meldwijzer-theme/tokens.css the theme's design tokens
 */
import { loadTheme } from '../lib/theme/load.ts';
import { missingSettings } from '../lib/theme/deployment.ts';

const MODULE = 'virtual:meldwijzer-theme';
const TOKENS = `${MODULE}/tokens.css`;

export function themeIntegration() {
  return {
    name: 'meldwijzer-theme',
    hooks: {
      'astro:config:setup': ({ updateConfig, logger }) => {
        const theme = loadTheme(process.env.MELDWIJZER_THEME);
        logger.info(`Thema: ${theme.dir} (${theme.siteName})`);
        const missing = missingSettings(theme.deployment);
        if (missing.length) {
          logger.warn(
            `De toegankelijkheidsverklaring en de privacyverklaring missen gegevens van de organisatie: ${missing.join(', ')}. De pagina's zeggen nu "nog niet ingevuld". Vul ze in ${theme.dir}/deployment.json (zie docs/DEPLOY.md, "Verklaringen").`,
          );
        }
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meldwijzer-theme',
                resolveId(id) {
                  if (id === TOKENS) return theme.tokensFile;
                  if (id === MODULE) return `\0${MODULE}`;
                  return undefined;
                },
                load(id) {
                  if (id !== `\0${MODULE}`) return undefined;
                  const { siteName, organisation, logoSvg, deployment } = theme;
                  return `export default ${JSON.stringify({ siteName, organisation, logoSvg, deployment })};`;
                },
              },
            ],
            // A deployment's theme folder may live outside the project (dev server only).
            server: { fs: { allow: [process.cwd(), theme.dir] } },
          },
        });
      },
    },
  };
}
