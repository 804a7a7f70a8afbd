/** The cross-file checks, on the real content with one thing broken at a time. */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findContentProblems } from '../../src/lib/content/integrity';
import { plansFor, servingBodies } from '../../src/lib/content/queries';

const fresh = () => structuredClone(readContent('content').site);

describe('findContentProblems', () => {
  it('names the file, field and existing ids for a missing regio', () => {
    const site = fresh();
    const woerden = site.gemeenten.find((g) => g.id === 'woerden')!;
    woerden.data.regio = 'nergens';
    const [problem] = findContentProblems(site);
    expect(problem.file).toBe('content/gemeenten/woerden.yaml');
    expect(problem.field).toBe('regio');
    expect(problem.message).toContain('"nergens" bestaat niet in content/regios/');
  });

  it('finds a plan that names a missing gemeente', () => {
    const site = fresh();
    site.beleid[0].data.gemeenten.push('atlantis');
    expect(findContentProblems(site)).toContainEqual(
      expect.objectContaining({ file: site.beleid[0].filePath, field: expect.stringMatching(/^gemeenten\[\d+\]$/) }),
    );
  });

  it('finds a contact that names a missing organisation', () => {
    const site = fresh();
    site.regios[0].data.bodies.veiligThuis = 'veilig-thuis-atlantis';
    expect(findContentProblems(site)).toContainEqual(expect.objectContaining({ file: site.regios[0].filePath, field: 'bodies.veiligThuis' }));
  });

  it('finds a plan and a gemeente that disagree on whether the plan applies', () => {
    const site = fresh();
    const woerden = site.gemeenten.find((g) => g.id === 'woerden')!;
    woerden.data.policy.beleid = [];
    expect(findContentProblems(site)).toContainEqual(expect.objectContaining({ file: 'content/gemeenten/woerden.yaml', field: 'policy.beleid' }));
  });

  it('finds an unknown source', () => {
    const site = fresh();
    site.organisaties[0].data.sources.push({ bron: 'geheim-rapport' });
    expect(findContentProblems(site)).toContainEqual(expect.objectContaining({ field: expect.stringMatching(/^sources\[\d+\]\.bron$/) }));
  });
});

describe('queries', () => {
  it('lets a municipality override one regional body and inherit the rest', () => {
    const site = fresh();
    const gemeente = site.gemeenten.find((g) => Object.keys(g.data.bodies).length === 0)!;
    const regio = site.regios.find((r) => r.id === gemeente.data.regio)!;
    const inherited = servingBodies(site, gemeente.data);
    expect(inherited.map((b) => b.organisation.id)).toEqual(inherited.map((b) => regio.data.bodies[b.role]));
    const other = site.organisaties.find((o) => o.id === 'veilig-thuis')!;
    const overridden = servingBodies(site, { ...gemeente.data, bodies: { veiligThuis: other.id } });
    expect(overridden.find((b) => b.role === 'veiligThuis')).toMatchObject({ local: true, organisation: { id: 'veilig-thuis' } });
  });

  it('gives every municipality in a region at least one plan or an explanation why there is none', () => {
    const site = fresh();
    // Municipalities without a region on the site (generated from CBS data) have no plan by
    // definition; their page says so in a standard sentence.
    for (const g of site.gemeenten.filter((g) => g.data.regio)) {
      const plans = plansFor(site, g.data);
      expect(plans.length > 0 || Boolean(g.data.policy.note), `${g.id} heeft geen plan en geen uitleg`).toBe(true);
    }
  });

  it('fills in Veilig Thuis from the Veilig Thuis region for a municipality without a region of its own', () => {
    const site = fresh();
    const utrecht = site.gemeenten.find((g) => g.data.cbsCode === 'GM0344')!;
    expect(utrecht.data.regio).toBeUndefined();
    // The Veilig Thuis region also names the care coordinator for all its municipalities (issue 22).
    expect(servingBodies(site, utrecht.data)).toEqual([
      expect.objectContaining({ role: 'veiligThuis', organisation: expect.objectContaining({ id: 'veilig-thuis-utrecht' }) }),
      expect.objectContaining({ role: 'zorgcoordinator', organisation: expect.objectContaining({ id: 'moviera' }) }),
    ]);
    const amsterdam = site.gemeenten.find((g) => g.data.cbsCode === 'GM0363')!;
    expect(servingBodies(site, amsterdam.data)).toEqual([]);
  });

  it('refuses a gebied of the wrong type, a missing gebied and a duplicate CBS code, naming file, field and fix', () => {
    const site = fresh();
    const woerden = site.gemeenten.find((g) => g.id === 'woerden')!;
    woerden.data.politieEenheid = woerden.data.veiligheidsregio;
    woerden.data.veiligThuisRegio = 'veilig-thuis-regio-atlantis';
    site.gemeenten.find((g) => g.id === 'lopik')!.data.cbsCode = woerden.data.cbsCode;
    const problems = findContentProblems(site);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: woerden.filePath, field: 'politieEenheid', message: expect.stringContaining('geen politie-eenheid') }),
        expect.objectContaining({ file: woerden.filePath, field: 'veiligThuisRegio', message: expect.stringContaining('bestaat niet in content/gebieden/') }),
        expect.objectContaining({ field: 'cbsCode', message: expect.stringContaining('GM0632 staat ook in') }),
      ]),
    );
  });
});
