/**
 * npm run generate:gemeenten — every municipality of the Netherlands as content, from open data.
 *
 * Reads the CBS area divisions (gebiedsindelingen) that cartomap/nl publishes as TopoJSON
 * (scripts/data/cartomap/, see scripts/data/README.md for source, year and licence) and derives,
 * for every municipality, its province, veiligheidsregio, Veilig Thuis region and police unit:
 * a grid of points inside the municipality is tested against each region set and the region
 * holding most of them wins; the municipality's own deepest interior point must agree. Both
 * data sets are generalised, so a border municipality can lose a sliver to its neighbour; a
 * majority under 80 % or a disagreement stops the generator instead of guessing.
 *
 * Writes:
 *   scripts/data/gemeenten-<year>.csv       the derived table, with the evidence per row
 *   content/gebieden/<id>.yaml              one file per region (generated, overwritten)
 *   content/gemeenten/<id>.yaml             new municipalities (marked generated, overwritten
 *                                           while the marker stays); in hand-edited files only
 *                                           the region fields are updated, in place
 *
 * Everyday names ("Den Haag" for 's-Gravenhage): scripts/data/gemeenten-namen.yaml, per CBS code
 * with its source; written as everydayNames.
 *
 * Former names: every older gemeente_<year>.topojson in the same folder (now 2015) gives the
 * names of municipalities that no longer exist to the current municipalities that took a real
 * part of them (formerNames; see formerNames() below for the rule).
 *
 * Next year: put the new gemeente_<year>.topojson (and newer region sets) in
 * scripts/data/cartomap/, change SETS below, run this script and read its report. A municipality
 * that no longer exists stops the run with the file to merge by hand.
 *
 * Flags: --check compares without writing (exit 1 when content differs from the data).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { decodeTopology, distanceToEdgeKm, featureAt, interiorPoint, samplePoints, type Feature } from './lib/geo.ts';

const DATA_DIR = 'scripts/data/cartomap';
/** The data set files per layer, and the year each describes (1 January of that year). */
const SETS = {
  gemeente: { file: 'gemeente_2026', year: 2026 },
  provincie: { file: 'provincie_2026', year: 2026 },
  veiligheidsregio: { file: 'veiligheidsregio_2025', year: 2025 },
  'veilig-thuis-regio': { file: 'veiligthuisregio_2025', year: 2025 },
  'politie-eenheid': { file: 'regionale_eenheid_2025', year: 2025 },
} as const;
/** Counts the data must have; a different count means the data changed and needs a look. */
const EXPECTED = { gemeente: 342, provincie: 12, veiligheidsregio: 25, 'veilig-thuis-regio': 25, 'politie-eenheid': 10 };
/** Organisations that serve a whole Veilig Thuis region, with the reason (a content source says so). */
const ORGANISATIONS_FILE = 'scripts/data/gebieden-organisaties.yaml';
/** The names people use besides the CBS name ("Den Haag"), per CBS code, each with its source. */
const NAMES_FILE = 'scripts/data/gemeenten-namen.yaml';
const BRON = 'cbs-gebiedsindelingen';
/** A region must hold at least this share of a municipality's sample points. */
const MIN_SHARE = 0.8;
/** Share of a former municipality that must lie in a current one to give it its name. */
const MIN_FORMER_SHARE = 0.1;
/** Share of the current municipality that must have been the former one. */
const MIN_FORMER_PART = 0.05;
export const GENERATED_MARKER = '# Gegenereerd door scripts/generate-gemeenten.ts';

type RegionType = 'veiligheidsregio' | 'veilig-thuis-regio' | 'politie-eenheid';
const REGION_TYPES: RegionType[] = ['veiligheidsregio', 'politie-eenheid', 'veilig-thuis-regio'];
const FIELD: Record<RegionType, 'veiligheidsregio' | 'politieEenheid' | 'veiligThuisRegio'> = {
  veiligheidsregio: 'veiligheidsregio',
  'politie-eenheid': 'politieEenheid',
  'veilig-thuis-regio': 'veiligThuisRegio',
};
const ID_PREFIX: Record<RegionType, string> = {
  veiligheidsregio: 'veiligheidsregio',
  'politie-eenheid': 'politie-eenheid',
  'veilig-thuis-regio': 'veilig-thuis-regio',
};
const LABEL: Record<RegionType | 'provincie', string> = {
  provincie: 'provincie',
  veiligheidsregio: 'veiligheidsregio',
  'politie-eenheid': 'regionale eenheid (politie)',
  'veilig-thuis-regio': 'Veilig Thuis-regio',
};

export { slug } from '../src/lib/slug.ts';
import { slug } from '../src/lib/slug.ts';

interface Assignment {
  code: string;
  name: string;
  /** Share of the municipality's sample points inside this region. */
  share: number;
  /** Distance in km from the interior point to the region's edge. */
  marginKm: number;
}
export interface Row {
  code: string;
  name: string;
  id: string;
  province: Assignment;
  regions: Record<RegionType, Assignment>;
  interior: { lon: number; lat: number; depthKm: number };
  formerNames: string[];
  /** Names people use besides the CBS name, from NAMES_FILE. */
  everydayNames: string[];
}

/**
 * The everyday names of NAMES_FILE, checked against the data: the code exists, the name is the
 * CBS name of that code, a source is given, and no name is the official name of another municipality.
 */
export function everydayNames(file: string, gemeenten: Pick<Feature, 'code' | 'name'>[]): Map<string, string[]> {
  const data = (yaml.load(readFileSync(file, 'utf8')) ?? {}) as Record<string, { name?: string; everydayNames?: string[]; source?: string }>;
  const byCode = new Map(gemeenten.map((g) => [g.code, g.name]));
  const official = new Set(gemeenten.map((g) => g.name.toLowerCase()));
  const problems: string[] = [];
  const names = new Map<string, string[]>();
  for (const [code, entry] of Object.entries(data)) {
    const cbsName = byCode.get(code);
    if (!cbsName) problems.push(`${file}: ${code} is geen gemeente in de indeling ${SETS.gemeente.year}. Verbeter de code of haal de gemeente weg.`);
    else if (entry.name !== cbsName)
      problems.push(`${file}: ${code} heet in de CBS-gegevens "${cbsName}", niet "${entry.name}". Neem de CBS-naam over bij name.`);
    if (!entry.source?.trim()) problems.push(`${file}: ${code} heeft geen source. Noem waar staat dat deze namen gangbaar zijn.`);
    const list = entry.everydayNames ?? [];
    if (list.length === 0) problems.push(`${file}: ${code} heeft geen everydayNames. Vul ze in of haal de gemeente weg.`);
    for (const name of list)
      if (official.has(name.toLowerCase())) problems.push(`${file}: ${code}: "${name}" is de officiële naam van een andere gemeente. Haal de naam weg.`);
    names.set(code, [...list]);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return names;
}

function load(file: string): Feature[] {
  return decodeTopology(JSON.parse(readFileSync(join(DATA_DIR, `${file}.topojson`), 'utf8')));
}

/** The region holding most sample points, checked against the interior point. */
function assign(municipality: Feature, points: [number, number][], interior: [number, number], regions: Feature[], label: string): Assignment {
  const counts = new Map<Feature, number>();
  for (const point of points) {
    const region = featureAt(regions, point);
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const [winner, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  const atInterior = featureAt(regions, interior);
  if (!winner || count / total < MIN_SHARE || atInterior !== winner) {
    const found = [...counts].map(([f, n]) => `${f.code} ${f.name} ${Math.round((n / total) * 100)}%`).join(', ') || 'geen';
    throw new Error(
      `${municipality.code} ${municipality.name}: geen duidelijke ${label} (${found}; binnenpunt in ${atInterior?.code ?? 'geen'}). ` +
        'Controleer de gegevens, of zet de indeling met de hand in het gemeentebestand en haal de gemeente uit de generator.',
    );
  }
  return { code: winner.code, name: winner.name, share: count / total, marginKm: distanceToEdgeKm(winner, interior) };
}

/**
 * The same name, written differently: CBS adds a province to tell namesakes apart
 * ("Hengelo (O.)", "Beek (L.)") and one edition writes "Nuenen. Gerwen" for "Nuenen, Gerwen".
 */
export function sameName(a: string, b: string): boolean {
  const fold = (name: string) =>
    name
      .replace(/\s*\([^)]*\)\s*$/, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  return fold(a) === fold(b);
}

/**
 * Former names from older municipality sets (gemeente_<year>.topojson before the current year),
 * when present. A municipality of the older set that no longer exists under its code and name
 * gives its name to each current municipality that took a real part of it: at least
 * MIN_FORMER_SHARE of the old municipality lies in the current one, and the old municipality
 * makes up at least MIN_FORMER_PART of the current one. Both conditions together keep out the
 * slivers that differently generalised borders produce (Bussum is not a former name of Hilversum)
 * and keep splits (Haaren went to Vught, Oisterwijk, Tilburg and Boxtel).
 */
function formerNames(current: Feature[], currentYear: number): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const byCode = new Map(current.map((f) => [f.code, f]));
  const currentPoints = new Map<Feature, [number, number][]>();
  const pointsOf = (f: Feature) => currentPoints.get(f) ?? currentPoints.set(f, samplePoints(f, 400)).get(f)!;
  const older = readdirSync(DATA_DIR)
    .map((f) => /^gemeente_(\d{4})\.topojson$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) < currentYear)
    .map((m) => m[0].replace(/\.topojson$/, ''));
  for (const file of older) {
    const oldSet = load(file);
    for (const old of oldSet) {
      const now = byCode.get(old.code);
      if (now && sameName(now.name, old.name)) continue;
      const counts = new Map<Feature, number>();
      const points = samplePoints(old, 200);
      for (const point of points) {
        const municipality = featureAt(current, point);
        if (municipality) counts.set(municipality, (counts.get(municipality) ?? 0) + 1);
      }
      for (const [municipality, n] of counts) {
        if (n / points.length < MIN_FORMER_SHARE || sameName(municipality.name, old.name)) continue;
        const own = pointsOf(municipality);
        const part = own.filter((point) => featureAt([old], point) === old).length / own.length;
        if (part < MIN_FORMER_PART) continue;
        names.set(municipality.code, (names.get(municipality.code) ?? new Set()).add(old.name));
      }
    }
  }
  return names;
}

export function derive() {
  const gemeenten = load(SETS.gemeente.file);
  const provinces = load(SETS.provincie.file);
  const regions = Object.fromEntries(REGION_TYPES.map((type) => [type, load(SETS[type].file)])) as Record<RegionType, Feature[]>;

  const problems: string[] = [];
  const counts = { gemeente: gemeenten.length, provincie: provinces.length, ...Object.fromEntries(REGION_TYPES.map((t) => [t, regions[t].length])) };
  for (const [layer, expected] of Object.entries(EXPECTED)) {
    const found = counts[layer as keyof typeof counts];
    if (found !== expected)
      problems.push(
        `${layer}: ${found} gebieden in de gegevens, verwacht ${expected}. Controleer de bron en pas EXPECTED aan als de indeling echt veranderd is.`,
      );
  }
  const codes = gemeenten.map((g) => g.code);
  if (new Set(codes).size !== codes.length) problems.push('Dubbele gemeentecodes in de gegevens.');
  for (const code of codes) if (!/^GM\d{4}$/.test(code)) problems.push(`Gemeentecode ${code} is niet GM + vier cijfers.`);
  if (problems.length) throw new Error(problems.join('\n'));

  const former = formerNames(gemeenten, SETS.gemeente.year);
  const everyday = everydayNames(NAMES_FILE, gemeenten);
  const rows: Row[] = gemeenten
    .map((municipality) => {
      const points = samplePoints(municipality, 400);
      const { point, depthKm } = interiorPoint(municipality);
      return {
        code: municipality.code,
        name: municipality.name,
        id: slug(municipality.name),
        province: assign(municipality, points, point, provinces, LABEL.provincie),
        regions: Object.fromEntries(REGION_TYPES.map((type) => [type, assign(municipality, points, point, regions[type], LABEL[type])])) as Row['regions'],
        interior: { lon: point[0], lat: point[1], depthKm },
        formerNames: [...(former.get(municipality.code) ?? [])].sort((a, b) => a.localeCompare(b, 'nl')),
        everydayNames: everyday.get(municipality.code) ?? [],
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  // Cross-checks between layers: a veiligheidsregio lies in one province and one police unit,
  // and every region of every set has members.
  for (const [outer, label] of [
    ['province', 'provincie'],
    ['politie-eenheid', 'politie-eenheid'],
  ] as const) {
    const seen = new Map<string, Set<string>>();
    for (const row of rows) {
      const inner = row.regions.veiligheidsregio.code;
      const value = outer === 'province' ? row.province.code : row.regions[outer].code;
      seen.set(inner, (seen.get(inner) ?? new Set()).add(value));
    }
    for (const [vr, values] of seen) if (values.size > 1) problems.push(`Veiligheidsregio ${vr} ligt in meer dan één ${label}: ${[...values].join(', ')}.`);
  }
  for (const type of REGION_TYPES) {
    for (const region of regions[type]) {
      if (!rows.some((r) => r.regions[type].code === region.code)) problems.push(`${LABEL[type]} ${region.code} ${region.name} heeft geen gemeenten.`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return { rows, regions, provinces };
}

function yamlString(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .,()'’-]*$/u.test(value) && !/:\s|#|^(yes|no|true|false|null|on|off)$/i.test(value) && !value.includes("'")
    ? value
    : JSON.stringify(value);
}

function gebiedId(type: RegionType, name: string) {
  return `${ID_PREFIX[type]}-${slug(name)}`;
}

/** What scripts/data/gebieden-organisaties.yaml says about one Veilig Thuis region; each id only when a source names it. */
interface RegionOrganisations {
  organisation?: string;
  zorgcoordinator?: string;
  zorgVeiligheidshuis?: string;
  why: string;
  /** The content/bronnen/ entries that name these organisations; written into the gebied's sources. */
  sources?: { bron: string; section?: string }[];
}
const ORGANISATION_FIELDS = ['organisation', 'zorgcoordinator', 'zorgVeiligheidshuis'] as const;

function gebiedFile(type: RegionType, region: Feature, organisations: RegionOrganisations | undefined): string {
  const year = SETS[type].year;
  return [
    `${GENERATED_MARKER} (npm run generate:gemeenten) uit de`,
    '# CBS-gebiedsindelingen (content/bronnen/cbs-gebiedsindelingen.yaml). Niet met de hand aanpassen:',
    '# de generator overschrijft dit bestand. Zie scripts/data/README.md.',
    `name: ${yamlString(region.name)}`,
    `type: ${type}`,
    `code: ${region.code}`,
    `year: ${year}`,
    ...ORGANISATION_FIELDS.flatMap((field) => (organisations?.[field] ? [`${field}: ${organisations[field]}`] : [])),
    'sources:',
    `  - bron: ${BRON}`,
    `    section: ${yamlString(`${LABEL[type]} ${year} (${region.code})`)}`,
    ...(organisations?.sources ?? []).flatMap(({ bron, section }) => [`  - bron: ${bron}`, ...(section ? [`    section: ${yamlString(section)}`] : [])]),
    '',
  ].join('\n');
}

function regionLines(_row: Row, ids: Record<RegionType, string>): string[] {
  return REGION_TYPES.map((type) => `${FIELD[type]}: ${ids[type]}`);
}

function listLines(key: string, names: string[]): string[] {
  return names.length ? [`${key}:`, ...names.map((n) => `  - ${yamlString(n)}`)] : [];
}

/** The generated name fields: former names, then the names people use. */
function nameLines(row: Pick<Row, 'formerNames' | 'everydayNames'>): string[] {
  return [...listLines('formerNames', row.formerNames), ...listLines('everydayNames', row.everydayNames)];
}

function sourceSection(row: Row): string {
  const layers = REGION_TYPES.map((type) => `${LABEL[type]} ${SETS[type].year} (${row.regions[type].code})`).join('; ');
  return `gemeente ${SETS.gemeente.year} (${row.code}); provincie ${SETS.provincie.year} (${row.province.code}); ${layers}`;
}

function newMunicipalityFile(row: Row, ids: Record<RegionType, string>): string {
  return [
    `${GENERATED_MARKER} (npm run generate:gemeenten) uit de`,
    '# CBS-gebiedsindelingen (content/bronnen/cbs-gebiedsindelingen.yaml). Zolang deze regels er staan,',
    '# overschrijft de generator dit bestand. Voegt u een plan of contact toe, haal dan deze vier regels',
    '# weg: daarna werkt de generator alleen de regio-velden bij. Zie docs/EDITORS.md.',
    `name: ${yamlString(row.name)}`,
    `cbsCode: ${row.code}`,
    `province: ${row.province.name}`,
    ...regionLines(row, ids),
    ...nameLines(row),
    'policy:',
    '  kind: geen-bekend',
    'sources:',
    `  - bron: ${BRON}`,
    `    section: ${yamlString(sourceSection(row))}`,
    '',
  ].join('\n');
}

const MANAGED_KEYS = ['veiligheidsregio', 'politieEenheid', 'veiligThuisRegio', 'formerNames', 'everydayNames'];

/**
 * Updates only the generated fields of a hand-edited file, in place, so comments and layout
 * stay: the region fields (and formerNames and everydayNames, when the data gives any) go right after `regio`
 * (or `province`), and the data set is added to `sources` when it is not there yet.
 */
export function updateHandEdited(text: string, row: Row, ids: Record<RegionType, string>): string {
  const lines = text.replace(/\n$/, '').split('\n');
  // Remove the managed keys (with their list items) wherever they are.
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = /^([A-Za-z]+):/.exec(lines[i])?.[1];
    if (key && MANAGED_KEYS.includes(key)) {
      while (i + 1 < lines.length && /^\s+-|^\s{2,}\S/.test(lines[i + 1])) i++;
      continue;
    }
    kept.push(lines[i]);
  }
  const anchor = Math.max(
    kept.findIndex((l) => l.startsWith('regio:')),
    kept.findIndex((l) => l.startsWith('province:')),
  );
  if (anchor < 0) throw new Error('province ontbreekt');
  const existingFormer = (yaml.load(text) as { formerNames?: string[] }).formerNames ?? [];
  const former = [...new Set([...existingFormer, ...row.formerNames])].sort((a, b) => a.localeCompare(b, 'nl'));
  kept.splice(anchor + 1, 0, ...regionLines(row, ids), ...nameLines({ formerNames: former, everydayNames: row.everydayNames }));
  const out = kept.join('\n') + '\n';
  const data = yaml.load(out) as { sources?: { bron: string }[] };
  if (data.sources?.some((s) => s.bron === BRON)) return out;
  // Every gemeente file ends with its sources list (the schema's last field).
  const lastKey = [...kept].reverse().find((l) => /^[A-Za-z]+:/.test(l));
  if (lastKey !== 'sources:') throw new Error('sources is niet het laatste veld; voeg de bron met de hand toe');
  return `${out}  - bron: ${BRON}\n    section: ${yamlString(sourceSection(row))}\n`;
}

function main() {
  const check = process.argv.includes('--check');
  const started = performance.now();
  const { rows, regions } = derive();
  const mapping = (yaml.load(readFileSync(ORGANISATIONS_FILE, 'utf8')) ?? {}) as Record<string, RegionOrganisations>;
  const report: string[] = [];
  const differences: string[] = [];
  const write = (path: string, content: string) => {
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (before === content) return;
    differences.push(path);
    if (!check) writeFileSync(path, content);
  };

  // Regions.
  mkdirSync('content/gebieden', { recursive: true });
  const idOf = new Map<string, string>();
  for (const type of REGION_TYPES) {
    for (const region of regions[type]) {
      const id = gebiedId(type, region.name);
      idOf.set(region.code, id);
      const organisations = type === 'veilig-thuis-regio' ? mapping[region.code] : undefined;
      for (const field of ORGANISATION_FIELDS) {
        const organisation = organisations?.[field];
        if (organisation && !existsSync(`content/organisaties/${organisation}.yaml`)) {
          throw new Error(
            `${ORGANISATIONS_FILE}: ${region.code} noemt bij ${field} "${organisation}", maar content/organisaties/${organisation}.yaml bestaat niet.`,
          );
        }
      }
      write(`content/gebieden/${id}.yaml`, gebiedFile(type, region, organisations));
    }
  }
  const gebiedIds = new Set(idOf.values());
  const stale = readdirSync('content/gebieden').filter((f) => !gebiedIds.has(f.replace(/\.yaml$/, '')));
  for (const file of stale) report.push(`Let op: content/gebieden/${file} staat niet (meer) in de gegevens. Verwijder het als geen gemeente het noemt.`);

  // Municipalities: match existing files by CBS code.
  const existing = new Map<string, { file: string; text: string; data: { name: string; province: string; regio?: string } }>();
  for (const file of readdirSync('content/gemeenten').filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(`content/gemeenten/${file}`, 'utf8');
    const data = yaml.load(text) as { cbsCode: string; name: string; province: string; regio?: string };
    existing.set(data.cbsCode, { file, text, data });
  }
  const current = new Set(rows.map((r) => r.code));
  for (const [code, { file }] of existing) {
    if (!current.has(code))
      throw new Error(
        `content/gemeenten/${file}: ${code} bestaat niet meer in de gemeentelijke indeling ${SETS.gemeente.year}. Voeg de inhoud met de hand samen met de nieuwe gemeente en verwijder het bestand.`,
      );
  }
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    const ids = Object.fromEntries(REGION_TYPES.map((type) => [type, idOf.get(row.regions[type].code)!])) as Record<RegionType, string>;
    const found = existing.get(row.code);
    if (!found || found.text.startsWith(GENERATED_MARKER)) {
      const file = found?.file ?? `${row.id}.yaml`;
      if (!found && existsSync(`content/gemeenten/${file}`))
        throw new Error(`content/gemeenten/${file} bestaat al met een andere CBS-code dan ${row.code} (${row.name}).`);
      write(`content/gemeenten/${file}`, newMunicipalityFile(row, ids));
      if (!found) created++;
      continue;
    }
    // A hand-edited file: its facts stay; check what the data can check, update the region fields.
    const { file, text, data } = found;
    if (data.province !== row.province.name) {
      throw new Error(
        `content/gemeenten/${file}: province is "${data.province}", volgens de CBS-gegevens ${SETS.gemeente.year} "${row.province.name}". Verbeter de provincie en zet er een notitie bij.`,
      );
    }
    if (data.name !== row.name)
      report.push(`content/gemeenten/${file}: naam "${data.name}", in de CBS-gegevens "${row.name}" (${row.code}); de naam op de site blijft zoals hij is.`);
    write(`content/gemeenten/${file}`, updateHandEdited(text, row, ids));
    updated++;
    // The Veilig Thuis organisation the file's region names should serve the municipality's VT region.
    const regio = data.regio ? (yaml.load(readFileSync(`content/regios/${data.regio}.yaml`, 'utf8')) as { bodies?: { veiligThuis?: string } }) : undefined;
    const own = (yaml.load(text) as { bodies?: { veiligThuis?: string } }).bodies?.veiligThuis ?? regio?.bodies?.veiligThuis;
    const vt = row.regions['veilig-thuis-regio'];
    const mappedCode = own ? Object.entries(mapping).find(([, m]) => m.organisation === own)?.[0] : undefined;
    const explained = ((yaml.load(text) as { notes?: string[] }).notes ?? []).some((n) => n.includes(`Veilig Thuis-regio ${vt.name}`));
    if (mappedCode && mappedCode !== vt.code && !explained) {
      report.push(
        `content/gemeenten/${file}: de regio noemt Veilig Thuis "${own}" (${mappedCode}), maar volgens CBS ligt ${row.name} in Veilig Thuis-regio ${vt.code} ${vt.name}. Controleer dit en leg het uit in notes.`,
      );
    }
  }

  // The derived table, with its evidence.
  const header = [
    'cbsCode',
    'name',
    'id',
    'province',
    'provinceCode',
    'provinceShare',
    ...REGION_TYPES.flatMap((t) => [`${FIELD[t]}Code`, FIELD[t], `${FIELD[t]}Share`, `${FIELD[t]}MarginKm`]),
    'interiorLon',
    'interiorLat',
    'interiorDepthKm',
    'formerNames',
  ];
  const csv = [header.join(',')]
    .concat(
      rows.map((r) =>
        [
          r.code,
          r.name,
          existing.get(r.code)?.file.replace(/\.yaml$/, '') ?? r.id,
          r.province.name,
          r.province.code,
          r.province.share.toFixed(3),
          ...REGION_TYPES.flatMap((t) => [r.regions[t].code, r.regions[t].name, r.regions[t].share.toFixed(3), r.regions[t].marginKm.toFixed(2)]),
          r.interior.lon.toFixed(5),
          r.interior.lat.toFixed(5),
          r.interior.depthKm.toFixed(2),
          r.formerNames.join('; '),
        ]
          .map((v) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)))
          .join(','),
      ),
    )
    .join('\n');
  write(`scripts/data/gemeenten-${SETS.gemeente.year}.csv`, `${csv}\n`);

  const weakest = REGION_TYPES.map((t) => {
    const row = [...rows].sort((a, b) => a.regions[t].share - b.regions[t].share)[0];
    return `${LABEL[t]}: laagste aandeel ${Math.round(row.regions[t].share * 100)}% (${row.name})`;
  });
  console.log(
    [
      `${rows.length} gemeenten (${created} nieuw, ${updated} met de hand bewerkt en bijgewerkt) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      ...weakest,
      `${rows.filter((r) => r.formerNames.length).length} gemeenten met eerdere namen, ${rows.filter((r) => r.everydayNames.length).length} met gangbare namen naast de CBS-naam.`,
      ...report,
      check
        ? differences.length
          ? `Verschillen met de gegevens:\n  ${differences.join('\n  ')}`
          : 'De inhoud klopt met de gegevens.'
        : `${differences.length} bestand(en) geschreven.`,
    ].join('\n'),
  );
  if (check && differences.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
