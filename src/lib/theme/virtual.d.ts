/** The deployment's theme as src/integrations/theme.mjs hands it to the pages. */
declare module 'virtual:meldwijzer-theme' {
  const theme: { siteName: string; organisation?: string; logoSvg: string; deployment: import('./deployment.ts').DeploymentSettings };
  export default theme;
}
/** The theme's tokens.css, bundled with the site's stylesheet. */
declare module 'virtual:meldwijzer-theme/tokens.css' {}
