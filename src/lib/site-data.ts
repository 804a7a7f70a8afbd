/**
 * Loads every content collection once per build and runs the cross-file checks. Every page
 * gets its data from here, so a dangling reference fails the whole build with a message that
 * names the file, the field and the fix.
 */
import { getCollection } from 'astro:content';
import { formatProblems, type Entry, type SiteContent } from './content/integrity';
import { findById } from './content/queries';
import { routeFor } from './meldroute/graph';
import { checkSite } from './content/check-site';
import { resolveContactVia } from './content/contact-via';
import { withoutDrafts } from './content/drafts';
import { COLLECTIONS, type CollectionName } from './content/collections';
import { staleContacts, staleContactsWarning } from './content/contact-checks';
import { withStaleAsPending, type StaleKeys } from './content/stale-as-pending';

let cached: Promise<SiteContent> | undefined;

/** Set by src/integrations/content-check.mjs: true under `astro dev`, false in a build; absent elsewhere (tests). */
declare const __MELDWIJZER_SHOW_DRAFTS__: boolean | undefined;
const SHOW_DRAFTS = typeof __MELDWIJZER_SHOW_DRAFTS__ === 'boolean' && __MELDWIJZER_SHOW_DRAFTS__;
/** Set by src/integrations/content-check.mjs: per language, the keys whose translation is older than its Dutch source. */
declare const __MELDWIJZER_STALE__: Record<string, string[]> | undefined;
const STALE: StaleKeys =
  typeof __MELDWIJZER_STALE__ === 'object' && __MELDWIJZER_STALE__ !== null
    ? Object.fromEntries(Object.entries(__MELDWIJZER_STALE__).map(([locale, keys]) => [locale, new Set(keys)]))
    : {};

async function load(): Promise<SiteContent> {
  const names = Object.keys(COLLECTIONS) as CollectionName[];
  const loaded = await Promise.all(
    names.map(async (name) => {
      const entries = await getCollection(name);
      // Integrity messages name files; every glob-loaded entry has its path.
      return [name, entries.map((e) => ({ ...e, filePath: e.filePath ?? e.id }))] as const;
    }),
  );
  const read = Object.fromEntries(loaded) as unknown as SiteContent;
  // The same checks as before the build (src/integrations/content-check.mjs): a second line of
  // defence, should content change between that check and Astro's loading of it.
  const problems = checkSite(read);
  if (problems.length > 0) throw new Error(formatProblems(problems));
  // Concepts are previewed under `astro dev` and never published by `astro build`.
  // A translation made from an older Dutch text (content/vertalingen/<taal>.bron.json) is shown
  // as pending: the Dutch text with the notice, never the old translation.
  const site = withStaleAsPending(resolveContactVia(SHOW_DRAFTS ? read : withoutDrafts(read)), STALE);
  // Old contact details warn, once per build; /organisaties/ lists them for the editors.
  const warning = staleContactsWarning(staleContacts(site, new Date()));
  if (warning) console.warn(warning);
  return site;
}

export function loadSite(): Promise<SiteContent> {
  cached ??= load();
  return cached;
}

type EntryCollection = { [K in keyof SiteContent]-?: SiteContent[K] extends Entry<unknown>[] ? K : never }[keyof SiteContent];
type EntryOf<K extends EntryCollection> = SiteContent[K][number];

/**
 * getStaticPaths for a page per entry of a collection, the entry's id as the parameter:
 * `src/pages/gemeenten/[gemeente]/index.astro` → `entryPaths('gemeenten', 'gemeente')`.
 */
export async function entryPaths<K extends EntryCollection>(collection: K, param: string) {
  const site = await loadSite();
  return (site[collection] as EntryOf<K>[]).map((entry) => ({ params: { [param]: entry.id } }));
}

/** The site and the entry a page per entry renders (see entryPaths). */
export async function loadEntry<K extends EntryCollection>(collection: K, id: string | undefined) {
  const site = await loadSite();
  const entry = findById(site[collection] as Entry<EntryOf<K>['data']>[], id ?? '');
  return { site, entry };
}

/** A municipality's reporting route and the address its steps live at, for its route pages. */
export async function loadGemeenteRoute(id: string | undefined) {
  const { site, entry: gemeente } = await loadEntry('gemeenten', id);
  return { site, gemeente, route: routeFor(site, gemeente), base: `/gemeenten/${gemeente.id}/melden/` };
}
