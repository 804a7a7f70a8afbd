/**
 * What readers see of a stale translation (issue 24): the same as of a missing one. Plain data in,
 * plain data out, no file access: the built server and the Worker apply the keys that the build
 * worked out from content/vertalingen/<taal>.bron.json (translation-sources.ts).
 */
import type { SiteContent } from './integrity.ts';

/** Per language, the keys ("signalen.<id>", "paginas.<pagina>" …) whose translation is older than its Dutch source. */
export type StaleKeys = Partial<Record<string, Set<string>>>;

/**
 * The site as readers see it: a stale translation counts as not translated yet. Its words leave
 * content/vertalingen/<taal>.yaml's data, so every page shows the Dutch text with the pending
 * notice, as for a missing translation; a stale translated page is listed in `pendingPages`
 * ("en/hulp"), and its page shows the Dutch page with the notice.
 */
export function withStaleAsPending(site: SiteContent, stale: StaleKeys): SiteContent {
  const vertalingen = site.vertalingen.map((entry) => {
    const keys = stale[entry.id];
    if (!keys?.size) return entry;
    const data = { ...entry.data } as Record<string, unknown>;
    for (const key of keys) {
      const [field, id] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
      const words = data[field];
      if (field === 'paginas' || !words || typeof words !== 'object' || Array.isArray(words)) continue;
      data[field] = Object.fromEntries(Object.entries(words).filter(([k]) => k !== id));
    }
    return { ...entry, data: data as typeof entry.data };
  });
  const pendingPages = new Set(
    Object.entries(stale).flatMap(([locale, keys]) =>
      [...(keys ?? [])].filter((k) => k.startsWith('paginas.')).map((k) => `${locale}/${k.slice('paginas.'.length)}`),
    ),
  );
  return { ...site, vertalingen, pendingPages };
}
