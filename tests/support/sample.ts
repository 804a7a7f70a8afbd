/**
 * A representative sample of the built pages for the browser checks: every template in every
 * language, instead of all several thousand pages (issue 14). A template is a sitemap path with
 * its content ids replaced by placeholders: /gemeenten/amsterdam/melden/uitkomst-112/ and
 * /gemeenten/venlo/melden/over-wie/ are both /gemeenten/:gemeenten/melden/:melden/, while
 * /pl/signalen/ stays its own template (the language is part of it).
 */

/** Path segments whose next segment is a content id (…/gemeenten/<id>/, …/signaal/<id>/). */
const COLLECTIONS = new Set(['gemeenten', 'beleid', 'signaal', 'signalen', 'melden', 'ondernemers', 'organisaties', 'regios', 'gebieden', 'professionals']);
/** Fixed pages under those collections: they are templates of their own. */
const FIXED = new Set([
  'anoniem',
  'overzicht',
  'inwoners',
  'professionals',
  'signaal',
  'kwetsbaarheden',
  'melden',
  'signalenkaart',
  'meldroute-intern',
  'ontvangen',
]);

export function templateOf(path: string): string {
  const segments = path.split('/').filter(Boolean);
  const template = segments.map((segment, i) => (i > 0 && COLLECTIONS.has(segments[i - 1]) && !FIXED.has(segment) ? `:${segments[i - 1]}` : segment));
  return `/${template.join('/')}${template.length ? '/' : ''}`;
}

/** mulberry32: a tiny seeded generator, so a failing sample can be reproduced with the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `perTemplate` paths of every template (in sitemap order) plus `random` others drawn with `seed`. */
export function samplePaths(paths: string[], { perTemplate, random: extra, seed }: { perTemplate: number; random: number; seed: number }): string[] {
  const byTemplate = new Map<string, string[]>();
  for (const path of paths) {
    const key = templateOf(path);
    const group = byTemplate.get(key) ?? [];
    if (group.length < perTemplate) group.push(path);
    byTemplate.set(key, group);
  }
  const chosen = new Set([...byTemplate.values()].flat());
  const rest = paths.filter((p) => !chosen.has(p));
  const next = random(seed);
  for (let i = 0; i < extra && rest.length; i++) chosen.add(rest.splice(Math.floor(next() * rest.length), 1)[0]);
  return paths.filter((p) => chosen.has(p));
}
