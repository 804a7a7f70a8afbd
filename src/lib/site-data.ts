/**
 * Loads every content collection once per build and runs the cross-file checks. Every page
 * gets its data from here, so a dangling reference fails the whole build with a message that
 * names the file, the field and the fix.
 */
import { getCollection } from 'astro:content';
import { findContentProblems, formatProblems, type SiteContent } from './content/integrity';
import { findAllRouteProblems } from './meldroute/graph';

let cached: Promise<SiteContent> | undefined;

async function load(): Promise<SiteContent> {
  const [bronnen, organisaties, regios, gemeenten, beleid, cijfers, paginas, signalen, kwetsbaarheden, sectoren, meldroutes, interneRoutes] =
    await Promise.all([
    getCollection('bronnen'),
    getCollection('organisaties'),
    getCollection('regios'),
    getCollection('gemeenten'),
    getCollection('beleid'),
    getCollection('cijfers'),
    getCollection('paginas'),
    getCollection('signalen'),
    getCollection('kwetsbaarheden'),
    getCollection('sectoren'),
    getCollection('meldroutes'),
    getCollection('interneRoutes'),
  ]);
  const withPath = <T extends { id: string; filePath?: string; data: unknown }>(entries: T[]) =>
    entries.map((e) => ({ ...e, filePath: e.filePath ?? e.id }));
  const site = {
    bronnen: withPath(bronnen),
    organisaties: withPath(organisaties),
    regios: withPath(regios),
    gemeenten: withPath(gemeenten),
    beleid: withPath(beleid),
    cijfers: withPath(cijfers),
    paginas: withPath(paginas),
    signalen: withPath(signalen),
    kwetsbaarheden: withPath(kwetsbaarheden),
    sectoren: withPath(sectoren),
    meldroutes: withPath(meldroutes),
    interneRoutes: withPath(interneRoutes),
  };
  const problems = findContentProblems(site);
  if (problems.length > 0) throw new Error(formatProblems(problems));
  // Only a route whose references all resolve can be checked as a graph.
  const routeProblems = findAllRouteProblems(site);
  if (routeProblems.length > 0) {
    throw new Error(`De meldroute klopt niet (${routeProblems.length} fout(en)):\n${[...new Set(routeProblems)].map((p) => `  - ${p}`).join('\n')}`);
  }
  return site;
}

export function loadSite(): Promise<SiteContent> {
  cached ??= load();
  return cached;
}
