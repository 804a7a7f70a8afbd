/** Built by src/integrations/page-titles.mjs: titles of the prerendered Dutch pages. */
declare module 'virtual:meldwijzer/page-titles' {
  export function dutchPageTitle(path: string, url: URL): Promise<string | undefined>;
}
