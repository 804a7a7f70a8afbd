/**
 * The graph rules over every route that applies (national and per municipality), every path
 * through them, and the rules' own teeth on deliberately broken routes.
 */
import { describe, expect, it } from 'vitest';
import { readSite } from '../../src/lib/content/read-content';
import type { RouteNode } from '../../src/lib/content/schemas';
import { ACUTE_DANGER_NODE, allPaths, findRouteProblems, resolveContacts, routeFor, type ResolvedRoute } from '../../src/lib/meldroute/graph';

const site = readSite('content');
const routes = [
  { name: 'landelijk', route: routeFor(site), gemeente: undefined },
  ...site.gemeenten.map((g) => ({ name: g.id, route: routeFor(site, g), gemeente: g })),
];

describe.each(routes)('meldroute $name', ({ route, gemeente }) => {
  it('keeps the graph rules: danger first, no cycles, no dead ends, all reachable', () => {
    expect(route.start).toBe(ACUTE_DANGER_NODE);
    expect(findRouteProblems(site, route, gemeente?.data)).toEqual([]);
  });

  it('ends every path in an outcome with a contact that has a phone number or website', () => {
    const paths = allPaths(route);
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) {
      const last = route.nodes[path.at(-1)!];
      expect(last.kind).toBe('uitkomst');
      if (last.kind !== 'uitkomst') continue;
      const contacts = resolveContacts(site, last.contacts, gemeente?.data);
      expect(
        contacts.some((c) => c.organisation.data.phones.length > 0 || c.organisation.data.url),
        path.join(' → '),
      ).toBe(true);
    }
  });
});

describe('expected outcomes', () => {
  const outcomeContacts = (route: ResolvedRoute, gemeente?: (typeof site.gemeenten)[number]) =>
    allPaths(route).map((path) => {
      const node = route.nodes[path.at(-1)!] as Extract<RouteNode, { kind: 'uitkomst' }>;
      return { node, ids: resolveContacts(site, node.contacts, gemeente?.data).map((c) => c.organisation.id) };
    });

  it('sends acute danger to 112 and offers Meld Misdaad Anoniem anonymously', () => {
    const outcomes = outcomeContacts(routeFor(site));
    expect(outcomes.some((o) => o.ids.includes('alarmnummer-112'))).toBe(true);
    expect(outcomes.some((o) => o.ids.includes('meld-misdaad-anoniem') && o.node.anonymous && o.node.offerForm)).toBe(true);
    expect(outcomes.some((o) => o.ids.includes('nederlandse-arbeidsinspectie'))).toBe(true);
    expect(outcomes.some((o) => o.ids.includes('veilig-thuis'))).toBe(true);
  });

  it('uses the regional Veilig Thuis in Woerden and Venlo', () => {
    const woerden = site.gemeenten.find((g) => g.id === 'woerden')!;
    expect(outcomeContacts(routeFor(site, woerden), woerden).some((o) => o.ids.includes('veilig-thuis-utrecht'))).toBe(true);
    const venlo = site.gemeenten.find((g) => g.id === 'venlo')!;
    expect(outcomeContacts(routeFor(site, venlo), venlo).some((o) => o.ids.includes('veilig-thuis-limburg-noord'))).toBe(true);
  });
});

describe('the rules catch broken routes', () => {
  const broken = (change: (nodes: Record<string, RouteNode>) => void): ResolvedRoute => {
    const route = structuredClone(routeFor(site));
    change(route.nodes);
    return route;
  };
  const firstQuestion = (nodes: Record<string, RouteNode>) =>
    Object.entries(nodes).find(([id, n]) => id !== ACUTE_DANGER_NODE && n.kind === 'vraag') as [string, Extract<RouteNode, { kind: 'vraag' }>];

  it('finds an answer that leads nowhere', () => {
    const route = broken((nodes) => (firstQuestion(nodes)[1].options[0].next = 'bestaat-niet'));
    expect(findRouteProblems(site, route).join('\n')).toContain('"bestaat-niet", maar die stap bestaat niet');
  });

  it('finds a cycle', () => {
    const route = broken((nodes) => (firstQuestion(nodes)[1].options[0].next = ACUTE_DANGER_NODE));
    expect(findRouteProblems(site, route).join('\n')).toContain('in een kring');
  });

  it('finds a step no one can reach', () => {
    const route = broken(
      (nodes) =>
        (nodes['los-eiland'] = {
          kind: 'uitkomst',
          title: 'Nergens',
          contacts: [{ organisation: 'politie' }],
          anonymous: false,
          whatHappens: 'Niets bijzonders.',
          offerForm: false,
          offerSectorAdvice: false,
        }),
    );
    expect(findRouteProblems(site, route).join('\n')).toContain('"los-eiland" is vanaf het begin niet te bereiken');
  });

  it('finds a route whose danger question does not lead to 112', () => {
    const route = broken((nodes) => {
      const first = nodes[ACUTE_DANGER_NODE] as Extract<RouteNode, { kind: 'vraag' }>;
      const alternative = first.options.find((o) => nodes[o.next].kind === 'vraag')!.next;
      first.options = first.options.map((o) => ({ ...o, next: alternative }));
    });
    expect(findRouteProblems(site, route).join('\n')).toContain('alarmnummer-112');
  });
});
