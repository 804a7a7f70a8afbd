/**
 * Cross-collection checks that a single schema cannot do: every id that one file names
 * must exist in the collection it points to, and the two sides of a relation must agree.
 * Each problem names the file, the field and the fix, because an editor reads it in a
 * failed build.
 */
import type {
  Beleid,
  Bron,
  Cijfer,
  Gebied,
  Gemeente,
  InterneRoute,
  Kwetsbaarheid,
  Meldroute,
  Organisatie,
  Pagina,
  Regio,
  SectorGuidance,
  Signaal,
  SourceRef,
  VertaaldePagina,
  Vertaling,
} from './schemas.ts';
import { GEBIED_TYPES, type GebiedType } from './schemas.ts';
import { COLLECTIONS } from './collections.ts';
import { findMissingRequiredIds } from './required-ids.ts';
import { didYouMean } from './messages.ts';
import { findBodyKindProblems } from './body-kinds.ts';
import { findDuplicateFacts } from './duplicates.ts';

export interface Entry<T> {
  id: string;
  /** Path of the file relative to the project, e.g. "content/gemeenten/woerden.yaml". */
  filePath: string;
  data: T;
}

export interface SiteContent {
  bronnen: Entry<Bron>[];
  organisaties: Entry<Organisatie>[];
  regios: Entry<Regio>[];
  gebieden: Entry<Gebied>[];
  gemeenten: Entry<Gemeente>[];
  beleid: Entry<Beleid>[];
  cijfers: Entry<Cijfer>[];
  paginas: Entry<Pagina>[];
  signalen: Entry<Signaal>[];
  kwetsbaarheden: Entry<Kwetsbaarheid>[];
  sectoren: Entry<SectorGuidance>[];
  meldroutes: Entry<Meldroute>[];
  interneRoutes: Entry<InterneRoute>[];
  vertalingen: Entry<Vertaling>[];
  vertaaldePaginas: Entry<VertaaldePagina>[];
  /**
   * Ids of files that exist but failed their schema (read-content.ts): a reference to one is not
   * reported again as missing, so an editor sees one error per cause.
   */
  broken?: Partial<Record<CollectionName, Set<string>>>;
  /**
   * Translated pages ("en/hulp") whose Dutch page changed after the translation
   * (translation-sources.ts): they show the Dutch page with the "not yet translated" notice.
   */
  pendingPages?: Set<string>;
}

export interface Problem {
  file: string;
  field: string;
  message: string;
}

type CollectionName = Exclude<keyof SiteContent, 'broken' | 'pendingPages'>;

/** Where an editor adds a file of each collection, e.g. "content/organisaties/". */
const FOLDER_HINT = Object.fromEntries(
  Object.entries(COLLECTIONS).map(([name, c]) => [name, `content/${c.folder}/${'nested' in c ? '<taal>/' : ''}`]),
) as Record<CollectionName, string>;

export function findContentProblems(site: SiteContent): Problem[] {
  const problems: Problem[] = [];
  const ids = Object.fromEntries((Object.keys(COLLECTIONS) as CollectionName[]).map((name) => [name, new Set(site[name].map((e) => e.id))])) as Record<
    CollectionName,
    Set<string>
  >;

  function expect(file: string, field: string, target: CollectionName, id: string | undefined) {
    if (id === undefined || ids[target].has(id) || site.broken?.[target]?.has(id)) return;
    const suggestion = didYouMean(id, ids[target]);
    const known = ids[target].size <= 30 ? ` Bestaande ids: ${[...ids[target]].sort().join(', ') || '(geen)'}.` : '';
    problems.push({
      file,
      field,
      message: `"${id}" bestaat niet in ${FOLDER_HINT[target]}.${suggestion || ` Maak ${FOLDER_HINT[target]}${id}.* aan of kies een bestaand id.`}${known}`,
    });
  }
  function expectSources(file: string, field: string, refs: SourceRef[]) {
    refs.forEach((ref, i) => expect(file, `${field}[${i}].bron`, 'bronnen', ref.bron));
  }
  function expectBodies(file: string, bodies: Record<string, string | undefined>) {
    for (const [role, id] of Object.entries(bodies)) expect(file, `bodies.${role}`, 'organisaties', id);
  }

  const organisationById = new Map(site.organisaties.map((o) => [o.id, o]));
  for (const { filePath, data } of site.organisaties) {
    expect(filePath, 'regio', 'regios', data.regio);
    expect(filePath, 'contactVia', 'organisaties', data.contactVia);
    const via = data.contactVia ? organisationById.get(data.contactVia) : undefined;
    if (via?.data.contactVia) {
      problems.push({
        file: filePath,
        field: 'contactVia',
        message: `"${via.id}" wordt zelf bereikt via "${via.data.contactVia}". Verwijs rechtstreeks: contactVia: ${via.data.contactVia}.`,
      });
    }
    expectSources(filePath, 'sources', data.sources);
  }
  for (const { filePath, data } of site.regios) {
    expectBodies(filePath, data.bodies);
    data.beleid.forEach((id, i) => expect(filePath, `beleid[${i}]`, 'beleid', id));
    expectSources(filePath, 'sources', data.sources);
  }
  for (const { filePath, data } of site.gebieden) {
    expect(filePath, 'organisation', 'organisaties', data.organisation);
    expect(filePath, 'zorgcoordinator', 'organisaties', data.zorgcoordinator);
    expect(filePath, 'zorgVeiligheidshuis', 'organisaties', data.zorgVeiligheidshuis);
    expectSources(filePath, 'sources', data.sources);
  }
  const gebiedById = new Map(site.gebieden.map((g) => [g.id, g]));
  /** A municipality's region field must name a gebied of the matching type. */
  function expectGebied(file: string, field: string, type: GebiedType, id: string | undefined) {
    if (id === undefined) return;
    const gebied = gebiedById.get(id);
    if (!gebied) {
      const known =
        site.gebieden
          .filter((g) => g.data.type === type)
          .map((g) => g.id)
          .sort()
          .join(', ') || '(geen)';
      problems.push({
        file,
        field,
        message: `"${id}" bestaat niet in content/gebieden/. Kies een ${GEBIED_TYPES[type].toLowerCase()}: ${known}. Draai npm run generate:gemeenten als de indeling veranderd is.`,
      });
    } else if (gebied.data.type !== type) {
      problems.push({
        file,
        field,
        message: `"${id}" (${gebied.filePath}) is een ${GEBIED_TYPES[gebied.data.type].toLowerCase()}, geen ${GEBIED_TYPES[type].toLowerCase()}. Kies een gebied van het type ${type}.`,
      });
    }
  }
  const byCode = new Map<string, string>();
  for (const { filePath, data } of site.gemeenten) {
    expect(filePath, 'regio', 'regios', data.regio);
    expectGebied(filePath, 'veiligheidsregio', 'veiligheidsregio', data.veiligheidsregio);
    expectGebied(filePath, 'politieEenheid', 'politie-eenheid', data.politieEenheid);
    expectGebied(filePath, 'veiligThuisRegio', 'veilig-thuis-regio', data.veiligThuisRegio);
    if (filePath.endsWith('/onbekend.yaml')) {
      problems.push({
        file: filePath,
        field: '(bestand)',
        message: 'De naam "onbekend" is bezet: het meldformulier gebruikt die voor "weet ik niet / ergens anders". Geef het bestand de naam van de gemeente.',
      });
    }
    const other = byCode.get(data.cbsCode);
    if (other) {
      problems.push({
        file: filePath,
        field: 'cbsCode',
        message: `${data.cbsCode} staat ook in ${other}. Elke gemeente heeft een eigen CBS-code: controleer de code in de CBS-gemeentelijst, of voeg de twee bestanden samen als het om dezelfde gemeente gaat.`,
      });
    } else byCode.set(data.cbsCode, filePath);
    data.policy.beleid.forEach((id, i) => expect(filePath, `policy.beleid[${i}]`, 'beleid', id));
    expectBodies(filePath, data.bodies);
    if (data.liaisonOfficer) expectSources(filePath, 'liaisonOfficer.source', [data.liaisonOfficer.source]);
    expectSources(filePath, 'sources', data.sources);
  }
  for (const { filePath, data } of site.beleid) {
    data.gemeenten.forEach((id, i) => expect(filePath, `gemeenten[${i}]`, 'gemeenten', id));
    data.partners.forEach((id, i) => expect(filePath, `partners[${i}]`, 'organisaties', id));
    expect(filePath, 'bron', 'bronnen', data.bron);
    const titles = data.ambitions.map((a) => a.title);
    data.actions.forEach((action, i) => {
      if (action.ambition === undefined || titles.includes(action.ambition)) return;
      problems.push({
        file: filePath,
        field: `actions[${i}].ambition`,
        message: `"${action.ambition}" is geen ambitie van dit plan.${didYouMean(action.ambition, titles)} Schrijf de titel precies zoals onder ambitions (${titles.map((t) => `"${t}"`).join(', ') || 'er zijn nog geen ambities'}), of laat ambition weg.`,
      });
    });
  }
  for (const { filePath, data } of site.cijfers) expectSources(filePath, 'sources', data.sources);
  for (const { filePath, data } of site.paginas) {
    expectSources(filePath, 'sources', data.sources);
    data.contacts.forEach((id, i) => expect(filePath, `contacts[${i}]`, 'organisaties', id));
  }
  for (const { filePath, data } of [...site.signalen, ...site.kwetsbaarheden]) expectSources(filePath, 'sources', data.sources);
  for (const { filePath, data } of site.sectoren) {
    expectSources(filePath, 'sources', data.sources);
    data.contacts.forEach((id, i) => expect(filePath, `contacts[${i}]`, 'organisaties', id));
  }

  for (const { filePath, data } of site.meldroutes) {
    expectSources(filePath, 'sources', data.sources);
    expect(filePath, 'extends', 'meldroutes', data.extends);
    if (data.scope.kind === 'regio') expect(filePath, 'scope.regio', 'regios', data.scope.regio);
    if (data.scope.kind === 'gemeente') expect(filePath, 'scope.gemeente', 'gemeenten', data.scope.gemeente);
    for (const [nodeId, node] of Object.entries(data.nodes)) {
      if (node.kind !== 'uitkomst') continue;
      node.contacts.forEach((ref, i) => {
        const field = `nodes.${nodeId}.contacts[${i}]`;
        if ('organisation' in ref) expect(filePath, `${field}.organisation`, 'organisaties', ref.organisation);
        else expect(filePath, `${field}.fallback`, 'organisaties', ref.fallback);
      });
    }
  }
  for (const { filePath, data } of site.interneRoutes) {
    expectSources(filePath, 'sources', data.sources);
    data.gemeenten.forEach((id, i) => expect(filePath, `gemeenten[${i}]`, 'gemeenten', id));
  }

  problems.push(...findBodyKindProblems(site));
  problems.push(...findDuplicateFacts(site));

  // Organisations that pages name in code: a missing one names the code file, not a content file.
  problems.push(...findMissingRequiredIds(ids.organisaties));

  // Both sides of "this plan applies to this municipality" must agree, so the gemeente page
  // and the plan page never contradict each other.
  const gemeenteById = new Map(site.gemeenten.map((g) => [g.id, g]));
  for (const plan of site.beleid) {
    for (const gemeenteId of plan.data.gemeenten) {
      const gemeente = gemeenteById.get(gemeenteId);
      if (gemeente && !gemeente.data.policy.beleid.includes(plan.id)) {
        problems.push({
          file: gemeente.filePath,
          field: 'policy.beleid',
          message: `Het plan "${plan.id}" (${plan.filePath}) noemt deze gemeente, maar policy.beleid noemt het plan niet. Voeg "${plan.id}" toe aan policy.beleid, of haal de gemeente uit gemeenten in het plan.`,
        });
      }
    }
  }
  const planById = new Map(site.beleid.map((b) => [b.id, b]));
  for (const gemeente of site.gemeenten) {
    gemeente.data.policy.beleid.forEach((planId, i) => {
      const plan = planById.get(planId);
      if (plan && !plan.data.gemeenten.includes(gemeente.id)) {
        problems.push({
          file: plan.filePath,
          field: 'gemeenten',
          message: `De gemeente "${gemeente.id}" (${gemeente.filePath}, policy.beleid[${i}]) zegt dat dit plan voor haar geldt, maar het plan noemt de gemeente niet. Voeg "${gemeente.id}" toe aan gemeenten.`,
        });
      }
    });
  }
  return problems;
}

/** One readable block for the build log: every problem on its own line. */
export function formatProblems(problems: Problem[]): string {
  return [
    `De inhoud bevat ${problems.length} fout(en). Herstel deze en bouw opnieuw:`,
    ...problems.map((p) => `  - ${p.file} → ${p.field}: ${p.message}`),
  ].join('\n');
}
