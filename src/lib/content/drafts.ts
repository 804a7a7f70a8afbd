/**
 * Concepts (`draft: true`): a plan, signal or page an editor is still writing. `npm run dev`
 * shows it, so the editor can look at it; `npm run build` leaves it out, together with every
 * reference to it, so nothing published links to a page that does not exist. A municipality
 * whose only plan is a concept is shown as having none known, until the plan is published.
 */
import type { SiteContent } from './integrity.ts';

export function withoutDrafts(site: SiteContent): SiteContent {
  const draftPlans = new Set(site.beleid.filter((b) => b.data.draft).map((b) => b.id));
  const published = (id: string) => !draftPlans.has(id);
  return {
    ...site,
    beleid: site.beleid.filter((b) => !b.data.draft),
    signalen: site.signalen.filter((s) => !s.data.draft),
    paginas: site.paginas.filter((p) => !p.data.draft),
    regios: site.regios.map((r) => (r.data.beleid.every(published) ? r : { ...r, data: { ...r.data, beleid: r.data.beleid.filter(published) } })),
    gemeenten: site.gemeenten.map((g) => {
      if (g.data.policy.beleid.every(published)) return g;
      const beleid = g.data.policy.beleid.filter(published);
      const kind = beleid.length === 0 ? 'geen-bekend' : g.data.policy.kind;
      return { ...g, data: { ...g.data, policy: { ...g.data.policy, kind, beleid } } };
    }),
  };
}
