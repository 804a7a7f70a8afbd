/**
 * Organisations reached through another's phone lines, website and e-mail (`contactVia`): the
 * facts are typed once, in the other organisation's file, and filled in here before any page
 * or route check reads them. Fields the organisation gives itself win.
 */
import type { SiteContent } from './integrity.ts';

export function resolveContactVia(site: SiteContent): SiteContent {
  const byId = new Map(site.organisaties.map((o) => [o.id, o]));
  const organisaties = site.organisaties.map((entry) => {
    const via = entry.data.contactVia ? byId.get(entry.data.contactVia)?.data : undefined;
    if (!via) return entry;
    const own = entry.data;
    return { ...entry, data: { ...own, phones: own.phones.length > 0 ? own.phones : via.phones, url: own.url ?? via.url, email: own.email ?? via.email } };
  });
  return { ...site, organisaties };
}
