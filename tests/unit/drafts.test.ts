/** Concepts (draft: true): left out of a build together with every reference to them. */
import { describe, expect, it } from 'vitest';
import { readSite } from '../../src/lib/content/read-content';
import { withoutDrafts } from '../../src/lib/content/drafts';
import { plansFor } from '../../src/lib/content/queries';

const fresh = () => structuredClone(readSite('content'));

describe('withoutDrafts', () => {
  it('leaves out a concept plan and the references to it, so no published page links to it', () => {
    const site = fresh();
    site.beleid.find((b) => b.id === 'woerden-2023')!.data.draft = true;
    const published = withoutDrafts(site);
    expect(published.beleid.map((b) => b.id)).not.toContain('woerden-2023');
    const woerden = published.gemeenten.find((g) => g.id === 'woerden')!;
    expect(woerden.data.policy).toMatchObject({ kind: 'geen-bekend', beleid: [] });
    expect(plansFor(published, woerden.data).map((p) => p.id)).not.toContain('woerden-2023');
  });

  it('leaves out concept signals and pages, and keeps everything else', () => {
    const site = fresh();
    site.signalen[0].data.draft = true;
    const page = site.paginas.find((p) => p.id === 'hulp')!;
    const other = site.paginas.find((p) => p.id !== 'hulp')!;
    other.data.draft = true;
    const published = withoutDrafts(site);
    expect(published.signalen).toHaveLength(site.signalen.length - 1);
    expect(published.paginas.map((p) => p.id)).toContain(page.id);
    expect(published.paginas.map((p) => p.id)).not.toContain(other.id);
    expect(withoutDrafts(fresh())).toEqual(fresh());
  });
});
