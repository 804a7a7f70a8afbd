/**
 * Every shipped theme is readable (WCAG contrast of each token pair the site puts together) and
 * loads; a broken theme stops the build with a message that names the file and the fix.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRAST_PAIRS, basisColours, contrastRatio } from '../../src/lib/theme/contrast.ts';
import { loadTheme, THEMES_DIR } from '../../src/lib/theme/load.ts';
import { missingSettings } from '../../src/lib/theme/deployment.ts';

const themes = readdirSync(THEMES_DIR);

describe('contrastRatio', () => {
  it('follows WCAG: black on white is 21:1, equal colours 1:1, #767676 on white just passes 4.5:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')!).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')!).toBeLessThan(4.5);
    expect(contrastRatio('red', '#ffffff')).toBeUndefined();
  });
});

describe.each(themes)('thema %s', (name) => {
  const css = readFileSync(join(THEMES_DIR, name, 'tokens.css'), 'utf8');
  const colours = basisColours(css);

  it.each(CONTRAST_PAIRS.map((p) => [`${p.foreground} op ${p.background}`, p] as const))('%s haalt het minimumcontrast', (_, pair) => {
    const ratio = contrastRatio(colours.get(pair.foreground) ?? '', colours.get(pair.background) ?? '');
    expect(ratio, `--basis-color-${pair.foreground} / --basis-color-${pair.background}`).toBeDefined();
    expect(ratio!).toBeGreaterThanOrEqual(pair.minimum);
  });

  it('laadt met naam en logo', () => {
    const theme = loadTheme(name);
    expect(theme.siteName.length).toBeGreaterThan(0);
    expect(theme.logoSvg).toMatch(/^<svg/);
  });
});

describe('loadTheme refuses a broken theme', () => {
  function copyOf(name: string) {
    const dir = mkdtempSync(join(tmpdir(), 'thema-'));
    cpSync(join(THEMES_DIR, name), dir, { recursive: true });
    return dir;
  }

  it('names the colour pair that lacks contrast', () => {
    const dir = copyOf('neutraal');
    const file = join(dir, 'tokens.css');
    writeFileSync(file, readFileSync(file, 'utf8').replace('--basis-color-link: #0b4f8a;', '--basis-color-link: #7aa7d6;'));
    expect(() => loadTheme(dir)).toThrow(
      /tokens\.css: links: --basis-color-link \(#7aa7d6\) op --basis-color-background \(#ffffff\) heeft contrast \d\.\d\d:1, minder dan 4\.5:1/,
    );
  });

  it('names the field of theme.json that is wrong', () => {
    const dir = copyOf('neutraal');
    writeFileSync(join(dir, 'theme.json'), JSON.stringify({ siteName: '', organization: 'typo' }));
    expect(() => loadTheme(dir)).toThrow(/theme\.json: veld "siteName" is leeg\./);
    expect(() => loadTheme(dir)).toThrow(/theme\.json: onbekend veld "organization": controleer de spelling\./);
    writeFileSync(join(dir, 'theme.json'), JSON.stringify({ organisation: 'Regio' }));
    expect(() => loadTheme(dir)).toThrow(/theme\.json: veld "siteName" ontbreekt\./);
  });

  it('refuses a logo with a script and a folder that does not exist', () => {
    const dir = copyOf('neutraal');
    writeFileSync(join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(() => loadTheme(dir)).toThrow(/logo\.svg: het logo bevat scripts/);
    expect(() => loadTheme('bestaat-niet')).toThrow(/de map .*bestaat-niet bestaat niet/);
  });
});

describe('deployment.json: what the statements say about this deployment (issue 22)', () => {
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'thema-'));
    cpSync(join(THEMES_DIR, 'neutraal'), d, { recursive: true });
    return d;
  };

  it('without the file every statement setting is missing, and the build lists them', () => {
    const theme = loadTheme(dir());
    expect(theme.deployment).toEqual({});
    expect(missingSettings(theme.deployment)).toEqual([
      'organisation',
      'contact',
      'accessibility.status',
      'accessibility.audit',
      'accessibility.registerUrl',
      'privacy.controller',
      'privacy.desk',
      'privacy.legalBasis',
      'privacy.deskRetention',
      'privacy.dataProtectionOfficer',
    ]);
  });

  it('reads a filled-in file; the organisation stands in for the controller', () => {
    const d = dir();
    writeFileSync(
      join(d, 'deployment.json'),
      JSON.stringify({
        organisation: 'Gemeente Voorbeeldstad',
        contact: { email: 'info@voorbeeldstad.example' },
        accessibility: {
          status: 'C',
          audit: { date: '2026-10-15', by: 'Bureau', report: 'https://voorbeeldstad.example/r.pdf' },
          registerUrl: 'https://www.toegankelijkheidsverklaring.nl/register/1',
        },
        privacy: { desk: 'Meldpunt', legalBasis: 'AVG art. 6 lid 1 e', deskRetention: 'Vijf jaar', dataProtectionOfficer: 'fg@voorbeeldstad.example' },
      }),
    );
    const theme = loadTheme(d);
    expect(theme.deployment.accessibility?.status).toBe('C');
    expect(missingSettings(theme.deployment)).toEqual([]);
  });

  it('refuses an unknown field, a status outside A–E, a bad date and a web address without https, naming file and field', () => {
    const d = dir();
    writeFileSync(
      join(d, 'deployment.json'),
      JSON.stringify({ organization: 'x', accessibility: { status: 'F', statementDate: '1-11-2026', registerUrl: 'register' } }),
    );
    const error = (() => {
      try {
        loadTheme(d);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/deployment\.json: onbekend veld "organization"/);
    expect(error).toMatch(/deployment\.json: veld "accessibility\.status" moet een van A, B, C, D, E zijn/);
    expect(error).toMatch(/veld "accessibility\.statementDate": Schrijf een datum als JJJJ-MM-DD/);
    expect(error).toMatch(/veld "accessibility\.registerUrl": Geef een volledig webadres/);
  });
});
