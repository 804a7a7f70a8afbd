/**
 * The Dutch title of a built page, for the notice served at /<taal>/<path>/ when that page has
 * no translation. The titles are built into the server (src/integrations/page-titles.mjs), so
 * no host reads dist/ at request time; a Worker could not.
 */
import { dutchPageTitle } from 'virtual:meldwijzer/page-titles';

/**
 * The title of the built Dutch page at `path` (e.g. "/cijfers/"), or undefined when there is none.
 * `url` is the request's address: under `astro dev` the page is asked from the dev server itself.
 */
export function builtPageTitle(path: string, url: URL): Promise<string | undefined> {
  return dutchPageTitle(path, url);
}
