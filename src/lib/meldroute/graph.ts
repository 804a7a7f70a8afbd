/**
 * The reporting route as a graph: which route applies where (national, extended by a region
 * and a municipality), the rules every route must keep, and all paths through it.
 * Pure functions over SiteContent; enforced in unit tests and at build time.
 */
import type { Entry, SiteContent } from '../content/integrity.ts';
import type { ContactRef, Gemeente, Meldroute, Organisatie, RouteNode } from '../content/schemas.ts';
import { findById, servingBodies } from '../content/queries.ts';
import { EMERGENCY_NUMBER } from '../content/required-ids.ts';

/** Every route starts with this question, so acute danger is always asked first. */
export const ACUTE_DANGER_NODE = 'acuut-gevaar';
/** The outcome for someone who may be exploited themselves: it starts with the people to call (issue 22). */
export const VICTIM_OUTCOME = 'uitkomst-hulp-voor-uzelf';
export const EMERGENCY_ORGANISATION = EMERGENCY_NUMBER;
/** Step ids that would collide with other pages under /melden/. */
const RESERVED_IDS = new Set(['anoniem', 'overzicht']);

export interface ResolvedRoute {
  /** The route files applied, national first. */
  layers: Entry<Meldroute>[];
  start: string;
  nodes: Record<string, RouteNode>;
}

function layersFor(site: SiteContent, gemeente?: Entry<Gemeente>): Entry<Meldroute>[] {
  const national = site.meldroutes.filter((r) => r.data.scope.kind === 'landelijk');
  if (national.length !== 1) {
    throw new Error(`Er moet precies één landelijke meldroute zijn in content/meldroutes/ (scope: {kind: landelijk}); gevonden: ${national.length}.`);
  }
  if (!gemeente) return national;
  const regio = gemeente.data.regio;
  const regional = regio ? site.meldroutes.filter((r) => r.data.scope.kind === 'regio' && r.data.scope.regio === regio) : [];
  const local = site.meldroutes.filter((r) => r.data.scope.kind === 'gemeente' && r.data.scope.gemeente === gemeente.id);
  return [...national, ...regional, ...local];
}

/** The route that applies: the national one, with the region's and municipality's changes on top. */
export function routeFor(site: SiteContent, gemeente?: Entry<Gemeente>): ResolvedRoute {
  const layers = layersFor(site, gemeente);
  const nodes: Record<string, RouteNode> = {};
  let start = ACUTE_DANGER_NODE;
  for (const layer of layers) {
    Object.assign(nodes, layer.data.nodes);
    start = layer.data.start ?? start;
  }
  return { layers, start, nodes };
}

export interface ResolvedContact {
  organisation: Entry<Organisatie>;
  note?: string;
}

/** The organisations an outcome names, with roles filled in for the municipality (or the national fallback). */
export function resolveContacts(site: SiteContent, refs: ContactRef[], gemeente?: Gemeente): ResolvedContact[] {
  const bodies = gemeente ? servingBodies(site, gemeente) : [];
  return refs.map((ref) => {
    if ('organisation' in ref) return { organisation: findById(site.organisaties, ref.organisation), note: ref.note };
    const serving = bodies.find((b) => b.role === ref.body);
    return { organisation: serving?.organisation ?? findById(site.organisaties, ref.fallback), note: ref.note };
  });
}

/** Breaks of the graph rules, as sentences an editor can act on; empty when the route is sound. */
export function findRouteProblems(site: SiteContent, route: ResolvedRoute, gemeente?: Gemeente): string[] {
  const problems: string[] = [];
  const where = route.layers.map((l) => l.filePath).join(' + ');
  const { nodes, start } = route;
  const first = nodes[start];
  if (start !== ACUTE_DANGER_NODE || first?.kind !== 'vraag') {
    problems.push(`${where}: de eerste vraag moet "${ACUTE_DANGER_NODE}" zijn (is iemand nu in gevaar?), niet "${start}".`);
  } else {
    const leadsTo112 = first.options.some((o) => {
      const next = nodes[o.next];
      return next?.kind === 'uitkomst' && next.contacts.some((c) => 'organisation' in c && c.organisation === EMERGENCY_ORGANISATION);
    });
    if (!leadsTo112) problems.push(`${where}: een antwoord op "${ACUTE_DANGER_NODE}" moet direct leiden naar een uitkomst met ${EMERGENCY_ORGANISATION}.`);
  }
  for (const [id, node] of Object.entries(nodes)) {
    if (RESERVED_IDS.has(id)) problems.push(`${where}: "${id}" is als stap-id gereserveerd (er is al een pagina /melden/${id}/). Kies een andere naam.`);
    if (node.kind === 'vraag') {
      for (const option of node.options) {
        if (!nodes[option.next]) problems.push(`${where}: antwoord "${option.label}" bij "${id}" wijst naar "${option.next}", maar die stap bestaat niet.`);
      }
    } else {
      for (const { organisation } of resolveContacts(site, node.contacts, gemeente)) {
        // An e-mail address counts: some regional partners publish nothing else (the ZVHG).
        if (organisation.data.phones.length === 0 && !organisation.data.url && !organisation.data.email) {
          problems.push(
            `${where}: uitkomst "${id}" noemt ${organisation.id}, maar die heeft geen telefoonnummer, website of e-mailadres. Voeg phones, url of email toe aan content/organisaties/${organisation.id}.yaml.`,
          );
        }
      }
    }
  }
  // Reachability and cycles in one depth-first walk from the start.
  const reached = new Set<string>();
  const onPath = new Set<string>();
  const walk = (id: string) => {
    if (onPath.has(id)) {
      problems.push(`${where}: de route draait in een kring via "${id}".`);
      return;
    }
    if (reached.has(id) || !nodes[id]) return;
    reached.add(id);
    onPath.add(id);
    const node = nodes[id];
    if (node.kind === 'vraag') node.options.forEach((o) => walk(o.next));
    onPath.delete(id);
  };
  if (nodes[start]) walk(start);
  for (const id of Object.keys(nodes)) {
    if (!reached.has(id)) problems.push(`${where}: stap "${id}" is vanaf het begin niet te bereiken. Verwijs ernaar of haal hem weg.`);
  }
  return problems;
}

/** Graph problems of the national route and of every municipality's route, for the build. */
export function findAllRouteProblems(site: SiteContent): string[] {
  return [...findRouteProblems(site, routeFor(site)), ...site.gemeenten.flatMap((g) => findRouteProblems(site, routeFor(site, g), g.data))];
}

/** Every path from the start to an outcome, as node ids. The graph must be acyclic. */
export function allPaths(route: ResolvedRoute): string[][] {
  const paths: string[][] = [];
  const walk = (id: string, path: string[]) => {
    const node = route.nodes[id];
    if (!node || path.includes(id)) return;
    if (node.kind === 'uitkomst') paths.push([...path, id]);
    else node.options.forEach((o) => walk(o.next, [...path, id]));
  };
  walk(route.start, []);
  return paths;
}
