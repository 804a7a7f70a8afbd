/**
 * WCAG 2.2 contrast between the colour tokens of a theme, so no deployment can ship a theme
 * with unreadable text: the build refuses it (src/lib/theme/load.ts) and a unit test checks
 * every shipped theme. Only plain hex colours count; a theme must give its basis colours as hex.
 */

/** A text (or control) colour and the background it sits on, with the minimum ratio WCAG asks. */
export interface ContrastPair {
  foreground: string;
  background: string;
  /** 4.5 for text (1.4.3), 3 for borders of form controls (1.4.11). */
  minimum: number;
  /** Where the pair is seen, in Dutch, for the error message. */
  where: string;
}

/** Every pair of basis tokens that the site puts on top of each other. */
export const CONTRAST_PAIRS: ContrastPair[] = [
  { foreground: 'text', background: 'background', minimum: 4.5, where: 'tekst op de pagina' },
  { foreground: 'text-muted', background: 'background', minimum: 4.5, where: 'toelichtende tekst' },
  { foreground: 'link', background: 'background', minimum: 4.5, where: 'links' },
  { foreground: 'link-visited', background: 'background', minimum: 4.5, where: 'bezochte links' },
  { foreground: 'link-hover', background: 'background', minimum: 4.5, where: 'links onder de muis' },
  { foreground: 'text', background: 'surface', minimum: 4.5, where: 'tekst op een vlak (Snel weg-balk, tabelkop, kaart)' },
  { foreground: 'link', background: 'surface', minimum: 4.5, where: 'links op een vlak' },
  { foreground: 'header-text', background: 'header-background', minimum: 4.5, where: 'kop van de site (naam, menu)' },
  { foreground: 'footer-text', background: 'footer-background', minimum: 4.5, where: 'voettekst' },
  { foreground: 'link', background: 'footer-background', minimum: 4.5, where: 'links in de voettekst' },
  { foreground: 'action-text', background: 'action-background', minimum: 4.5, where: 'knoppen' },
  { foreground: 'exit-text', background: 'exit-background', minimum: 4.5, where: 'de knop Snel weg' },
  { foreground: 'danger', background: 'background', minimum: 4.5, where: 'foutmeldingen' },
  { foreground: 'text', background: 'danger-surface', minimum: 4.5, where: 'tekst in een waarschuwing' },
  { foreground: 'danger', background: 'danger-surface', minimum: 4.5, where: 'links in de lijst met fouten' },
  { foreground: 'link', background: 'danger-surface', minimum: 4.5, where: 'links in een waarschuwing (112)' },
  { foreground: 'text', background: 'warning-surface', minimum: 4.5, where: 'tekst in een mededeling' },
  { foreground: 'background', background: 'ok', minimum: 4.5, where: 'tekst op het vlak met de ontvangstcode' },
  { foreground: 'accent', background: 'background', minimum: 4.5, where: 'labels (zoals "Anoniem mogelijk") in de accentkleur' },
  { foreground: 'focus-text', background: 'focus', minimum: 4.5, where: 'element met focus' },
  { foreground: 'border-strong', background: 'background', minimum: 3, where: 'rand van invoervelden' },
];

/** The basis colour tokens a theme sets, by name without the `--basis-color-` prefix. */
export function basisColours(css: string): Map<string, string> {
  const colours = new Map<string, string>();
  for (const match of css.matchAll(/--basis-color-([a-z0-9-]+)\s*:\s*([^;]+);/g)) colours.set(match[1], match[2].trim());
  return colours;
}

function channels(hex: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) return undefined;
  const full = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.2, definition "relative luminance"). */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio of two hex colours, or undefined when either is not a hex colour. */
export function contrastRatio(a: string, b: string): number | undefined {
  const ca = channels(a);
  const cb = channels(b);
  if (!ca || !cb) return undefined;
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Problems with a theme's colours, in Dutch, one per pair; empty when all pairs pass. */
export function contrastProblems(css: string, file: string): string[] {
  const colours = basisColours(css);
  const problems: string[] = [];
  for (const pair of CONTRAST_PAIRS) {
    const fg = colours.get(pair.foreground);
    const bg = colours.get(pair.background);
    const missing = [pair.foreground, pair.background].filter((name) => !colours.has(name));
    if (missing.length) {
      problems.push(`${file}: ${missing.map((m) => `--basis-color-${m}`).join(' en ')} ontbreekt. Geef een kleur in hex, bijvoorbeeld #1a1a1a.`);
      continue;
    }
    const ratio = contrastRatio(fg!, bg!);
    if (ratio === undefined) {
      problems.push(
        `${file}: --basis-color-${pair.foreground} (${fg}) of --basis-color-${pair.background} (${bg}) is geen hex-kleur. Schrijf beide als #rrggbb.`,
      );
    } else if (ratio < pair.minimum) {
      problems.push(
        `${file}: ${pair.where}: --basis-color-${pair.foreground} (${fg}) op --basis-color-${pair.background} (${bg}) heeft contrast ${ratio.toFixed(2)}:1, minder dan ${pair.minimum}:1. Maak een van beide donkerder of lichter.`,
      );
    }
  }
  return [...new Set(problems)];
}
