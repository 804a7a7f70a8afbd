/**
 * All municipalities of 2026 (issue 14): every one is content with a correct CBS code, province
 * and regions; the content matches the open data it was generated from; and the 40 hand-written
 * files kept their facts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { GEBIED_CODE_PREFIX, gemeenteSchema } from '../../src/lib/content/schemas';
import { PROVINCES } from '../../src/lib/content/fields';
import { byName } from '../../src/lib/format';
import { matches, fold } from '../../src/scripts/autocomplete';
import { everydayNames } from '../../scripts/generate-gemeenten';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { site } = readContent('content');
const gebied = new Map(site.gebieden.map((g) => [g.id, g.data]));
const GENERATED = '# Gegenereerd door scripts/generate-gemeenten.ts';

/** The derived table (scripts/data/gemeenten-2026.csv), by CBS code. */
function table() {
  const [header, ...lines] = readFileSync('scripts/data/gemeenten-2026.csv', 'utf8').trim().split('\n');
  const columns = header.split(',');
  return new Map(
    lines.map((line) => {
      const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, columns.length);
      const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
      return [row.cbsCode, row];
    }),
  );
}

describe('all municipalities', () => {
  it('has 342 municipalities with unique CBS codes GM + four digits', () => {
    const codes = site.gemeenten.map((g) => g.data.cbsCode);
    expect(codes).toHaveLength(342);
    expect(new Set(codes).size).toBe(342);
    for (const code of codes) expect(code).toMatch(/^GM\d{4}$/);
  });

  it('gives every municipality a province and three known regions of the right type', () => {
    for (const g of site.gemeenten) {
      expect(PROVINCES, g.id).toContain(g.data.province);
      for (const [field, type] of [
        ['veiligheidsregio', 'veiligheidsregio'],
        ['politieEenheid', 'politie-eenheid'],
        ['veiligThuisRegio', 'veilig-thuis-regio'],
      ] as const) {
        const id = g.data[field];
        expect(id, `${g.id}: ${field}`).toBeDefined();
        expect(gebied.get(id!)?.type, `${g.id}: ${field} = ${id}`).toBe(type);
      }
    }
  });

  it('has 25 veiligheidsregio’s, 10 police units and 25 Veilig Thuis regions, each with members and a code that fits its type', () => {
    const count = (type: string) => site.gebieden.filter((g) => g.data.type === type).length;
    expect([count('veiligheidsregio'), count('politie-eenheid'), count('veilig-thuis-regio')]).toEqual([25, 10, 25]);
    for (const g of site.gebieden) {
      expect(g.data.code.startsWith(GEBIED_CODE_PREFIX[g.data.type])).toBe(true);
      const members = site.gemeenten.filter((m) => [m.data.veiligheidsregio, m.data.politieEenheid, m.data.veiligThuisRegio].includes(g.id));
      expect(members.length, g.id).toBeGreaterThan(0);
    }
  });

  it('matches the derived table: code, province and region codes', () => {
    const rows = table();
    expect(rows.size).toBe(342);
    for (const g of site.gemeenten) {
      const row = rows.get(g.data.cbsCode)!;
      expect(row, g.data.cbsCode).toBeDefined();
      expect([
        g.id,
        g.data.province,
        gebied.get(g.data.veiligheidsregio!)!.code,
        gebied.get(g.data.politieEenheid!)!.code,
        gebied.get(g.data.veiligThuisRegio!)!.code,
      ]).toEqual([row.id, row.province, row.veiligheidsregioCode, row.politieEenheidCode, row.veiligThuisRegioCode]);
    }
  });

  it('keeps the hand-written facts of the 40 original files; only region fields, former names and the CBS source were added', () => {
    const originals = JSON.parse(readFileSync('tests/fixtures/gemeenten/originals-2026-11.json', 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [id, raw] of Object.entries(originals)) {
      // Parsed as the build does (defaults filled in) before comparing.
      const before = gemeenteSchema.parse(raw) as Record<string, unknown>;
      const text = readFileSync(`content/gemeenten/${id}.yaml`, 'utf8');
      expect(text.startsWith(GENERATED), `${id} is met de hand geschreven`).toBe(false);
      const now = site.gemeenten.find((g) => g.id === id)!.data as Record<string, unknown>;
      const { veiligheidsregio, politieEenheid, veiligThuisRegio, formerNames, sources, notes, ...rest } = now;
      const beforeSources = before.sources as unknown[];
      expect((sources as { bron: string }[]).slice(0, beforeSources.length), id).toEqual(beforeSources);
      expect(
        (sources as { bron: string }[]).slice(beforeSources.length).map((s) => s.bron),
        id,
      ).toEqual(['cbs-gebiedsindelingen']);
      // Mook en Middelaar gained one note: CBS puts it in another Veilig Thuis region than its region's.
      const addedNotes = (notes as string[]).filter((n) => !((before.notes as string[] | undefined) ?? []).includes(n));
      expect(addedNotes, id).toEqual(id === 'mook-en-middelaar' ? [expect.stringContaining('Veilig Thuis-regio Gelderland-Zuid')] : []);
      const { sources: _s, notes: _n, formerNames: _f, ...beforeRest } = before;
      for (const [key, value] of Object.entries(beforeRest)) expect(rest[key], `${id}.${key}`).toEqual(value);
      expect([veiligheidsregio, politieEenheid, veiligThuisRegio].every(Boolean), id).toBe(true);
      expect(formerNames).toEqual(expect.any(Array));
    }
  });

  it('records former names of merged municipalities, also of splits, but not border slivers', () => {
    const former = (id: string) => site.gemeenten.find((g) => g.id === id)?.data.formerNames ?? [];
    expect(former('amsterdam')).toContain('Weesp');
    expect(former('gooise-meren')).toEqual(['Bussum', 'Muiden', 'Naarden']);
    expect(former('land-van-cuijk')).toEqual(['Boxmeer', 'Cuijk', 'Grave', 'Mill en Sint Hubert', 'Sint Anthonis']);
    for (const id of ['boxtel', 'oisterwijk', 'tilburg', 'vught']) expect(former(id), id).toContain('Haaren');
    // On the generalised maps 18 % of Bussum lies in Hilversum; it is 4 % of Hilversum, a sliver.
    expect(former('hilversum')).toEqual([]);
    // The same name with the province CBS adds to tell namesakes apart is no former name.
    expect(former('hengelo')).toEqual([]);
    const current = new Set(site.gemeenten.map((g) => g.data.name));
    for (const g of site.gemeenten) for (const name of g.data.formerNames) expect(current.has(name), `${g.id}: ${name}`).toBe(false);
  });

  it('knows the names people use (issue 22: "Den Haag" found nothing), from the generator\'s data', () => {
    const everyday = (id: string) => site.gemeenten.find((g) => g.id === id)?.data.everydayNames ?? [];
    expect(everyday('s-gravenhage')).toContain('Den Haag');
    expect(everyday('s-hertogenbosch')).toContain('Den Bosch');
    const official = new Set(site.gemeenten.map((g) => g.data.name));
    for (const g of site.gemeenten) for (const name of g.data.everydayNames) expect(official.has(name), `${g.id}: ${name}`).toBe(false);
  });

  it("refuses an everyday name with a wrong code, a wrong CBS name, no source, or another municipality's name", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'namen-')), 'gemeenten-namen.yaml');
    const gemeenten = [
      { code: 'GM0518', name: "'s-Gravenhage" },
      { code: 'GM0599', name: 'Rotterdam' },
    ];
    writeFileSync(file, 'GM0518:\n  name: "\'s-Gravenhage"\n  everydayNames: [Den Haag]\n  source: denhaag.nl\n');
    expect(everydayNames(file, gemeenten).get('GM0518')).toEqual(['Den Haag']);
    writeFileSync(file, 'GM9999:\n  name: X\n  everydayNames: [Y]\n  source: s\nGM0518:\n  name: Den Haag\n  everydayNames: [Rotterdam]\n');
    const error = (() => {
      try {
        everydayNames(file, gemeenten);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toContain('GM9999 is geen gemeente');
    expect(error).toContain('heet in de CBS-gegevens "\'s-Gravenhage"');
    expect(error).toContain('GM0518 heeft geen source');
    expect(error).toContain('"Rotterdam" is de officiële naam van een andere gemeente');
  });

  it("sorts as Dutch lists do: a leading 's- or 't- does not count, so the A–Z list starts with A", () => {
    const sorted = site.gemeenten
      .map((g) => g.data)
      .sort(byName)
      .map((g) => g.name);
    expect(sorted[0]).toMatch(/^A/);
    expect(sorted.indexOf("'s-Gravenhage")).toBeGreaterThan(sorted.indexOf('Gouda'));
    expect(sorted.indexOf("'s-Gravenhage")).toBeLessThan(sorted.indexOf('Groningen'));
    expect(sorted.indexOf("'s-Hertogenbosch")).toBeGreaterThan(sorted.indexOf('Hendrik-Ido-Ambacht'));
    expect(sorted.indexOf("'s-Hertogenbosch")).toBeLessThan(sorted.indexOf('Heusden'));
  });

  it('the picker finds a municipality by its everyday name like by its own name, and by a former name after those', () => {
    const option = (label: string, everyday: string[], former: string[] = []) => ({
      label,
      everyday,
      always: false,
      keys: [label, ...everyday, ...former].map(fold),
    });
    const options = [
      option("'s-Gravenhage", ['Den Haag', 'The Hague']),
      option("'s-Hertogenbosch", ['Den Bosch']),
      option('Den Helder', []),
      option('Amsterdam', [], ['Weesp']),
    ];
    expect(matches(options, 'Den Haag').map((o) => o.label)).toEqual(["'s-Gravenhage"]);
    expect(matches(options, 'den').map((o) => o.label)).toEqual(["'s-Gravenhage", "'s-Hertogenbosch", 'Den Helder']);
    expect(matches(options, 'hertog').map((o) => o.label)).toEqual(["'s-Hertogenbosch"]);
    expect(matches(options, 'weesp').map((o) => o.label)).toEqual(['Amsterdam']);
  });

  it('marks the files it generated, and those cite the CBS data set', () => {
    for (const g of site.gemeenten) {
      const text = readFileSync(g.filePath, 'utf8');
      if (!text.startsWith(GENERATED)) continue;
      expect(
        g.data.sources.map((s) => s.bron),
        g.id,
      ).toEqual(['cbs-gebiedsindelingen']);
      expect(g.data.policy.kind).toBe('geen-bekend');
    }
  });

  it('is what the generator makes of the data (npm run generate:gemeenten -- --check)', { timeout: 60_000 }, () => {
    const result = spawnSync(process.execPath, ['scripts/generate-gemeenten.ts', '--check'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain('De inhoud klopt met de gegevens.');
    expect(result.status).toBe(0);
  });
});
