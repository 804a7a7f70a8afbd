/**
 * The checks across files, in the order an editor should fix things: references between files,
 * then the translations, and only when all of that holds the reporting-route graph. Plain
 * functions over SiteContent, so the pages' loader (src/lib/site-data.ts) can run them without
 * reading files; src/lib/content/check.ts runs them after reading content/ from disk.
 */
import { findContentProblems, type Problem, type SiteContent } from './integrity.ts';
import { findTranslationProblems } from './translations.ts';
import { findAllRouteProblems } from '../meldroute/graph.ts';
import { resolveContactVia } from './contact-via.ts';

/**
 * Translations and the route graph see the organisations with their contactVia filled in, as
 * the pages do. `earlier` are problems found before (schemas): with any, the graph waits.
 */
export function checkSite(site: SiteContent, earlier: Problem[] = []): Problem[] {
  const resolved = resolveContactVia(site);
  const problems = [...findContentProblems(site), ...findTranslationProblems(resolved)];
  if (problems.length + earlier.length > 0) return problems;
  // Only a route whose references all resolve can be checked as a graph.
  return [...new Set(findAllRouteProblems(resolved))].map((message) => {
    const [where, ...rest] = message.split(': ');
    return { file: where, field: '(meldroute)', message: rest.join(': ') };
  });
}
