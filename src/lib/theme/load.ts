/**
 * The theme of a deployment: a folder with tokens.css (design tokens), logo.svg, theme.json
 * (site name, optional organisation) and optionally deployment.json (what the accessibility and
 * privacy statements say, ./deployment.ts), chosen at build time with MELDWIJZER_THEME (a folder
 * under themes/ or a path). Read once, when Astro loads its config; a wrong theme stops the
 * build with a Dutch message that names the file, the field and the fix (docs/DEPLOY.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'astro/zod';
import { contrastProblems } from './contrast.ts';
import { loadDeployment, type DeploymentSettings } from './deployment.ts';

/** The folder with the shipped themes, and the default one. */
export const THEMES_DIR = 'themes';
export const DEFAULT_THEME = 'neutraal';
/** An inline logo travels with every page: keep it small (page-weight budget, issue 14). */
const MAX_LOGO_BYTES = 6 * 1024;

const themeJson = z.strictObject({
  siteName: z.string().trim().min(1).max(60),
  organisation: z.string().trim().min(1).max(120).optional(),
});

const EXPECTED = 'Verwacht: {"siteName": "naam van de site (1 tot 60 tekens)", "organisation": "naam van de organisatie (mag weg)"}.';

/** What is wrong with one field of theme.json, in Dutch. */
function inDutch(issue: z.core.$ZodIssue): string {
  const field = `veld "${issue.path.join('.')}"`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `onbekend veld ${issue.keys.map((k) => `"${k}"`).join(', ')}: controleer de spelling.`;
    case 'invalid_type':
      return issue.input === undefined ? `${field} ontbreekt.` : `${field} moet tekst zijn.`;
    case 'too_small':
      return `${field} is leeg.`;
    case 'too_big':
      return `${field} is te lang (hoogstens ${issue.maximum} tekens).`;
    default:
      return `${field}: ${issue.message}.`;
  }
}

export interface Theme {
  /** Absolute path of the theme folder. */
  dir: string;
  /** Absolute path of tokens.css. */
  tokensFile: string;
  siteName: string;
  organisation?: string;
  /** The logo's SVG markup, inlined in the header. */
  logoSvg: string;
  /** What the accessibility and privacy statements say about this deployment (deployment.json). */
  deployment: DeploymentSettings;
}

/** Finds the theme folder: a name under themes/ or a path (relative to `root`). */
export function themeDir(setting: string | undefined, root: string): string {
  const name = setting?.trim() || DEFAULT_THEME;
  const shipped = join(root, THEMES_DIR, name);
  if (!name.includes('/') && existsSync(shipped)) return shipped;
  return isAbsolute(name) ? name : resolve(root, name);
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new Error(`Thema: ${file} ontbreekt. Zet ${what} in de themamap (zie docs/DEPLOY.md, "Eigen thema").`);
  return readFileSync(file, 'utf8');
}

/** Reads and checks a theme; throws one Dutch error listing every problem. */
export function loadTheme(setting: string | undefined, root = process.cwd()): Theme {
  const dir = themeDir(setting, root);
  if (!existsSync(dir)) {
    throw new Error(
      `Thema: de map ${dir} bestaat niet (MELDWIJZER_THEME=${setting}). Kies een map onder ${THEMES_DIR}/ (bijvoorbeeld ${DEFAULT_THEME}) of geef het pad naar uw eigen themamap.`,
    );
  }
  const problems: string[] = [];

  const jsonFile = join(dir, 'theme.json');
  let settings: z.infer<typeof themeJson> | undefined;
  try {
    const parsed = themeJson.safeParse(JSON.parse(readText(jsonFile, 'theme.json met {"siteName": "…"}')));
    if (parsed.success) settings = parsed.data;
    else for (const issue of parsed.error.issues) problems.push(`${jsonFile}: ${inDutch(issue)} ${EXPECTED}`);
  } catch (error) {
    problems.push(error instanceof SyntaxError ? `${jsonFile}: geen geldige JSON (${error.message}).` : (error as Error).message);
  }

  const tokensFile = join(dir, 'tokens.css');
  try {
    problems.push(...contrastProblems(readText(tokensFile, 'tokens.css met de --basis-color-… tokens'), tokensFile));
  } catch (error) {
    problems.push((error as Error).message);
  }

  const logoFile = join(dir, 'logo.svg');
  let logoSvg = '';
  try {
    logoSvg = readText(logoFile, 'logo.svg')
      .trim()
      .replace(/^<\?xml[^>]*>\s*/, '');
    // Decorative: the link around it already says the site's name.
    logoSvg = logoSvg.replace(/^<svg/, '<svg aria-hidden="true"');
    if (!/^<svg[\s>]/.test(logoSvg)) problems.push(`${logoFile}: het bestand begint niet met <svg. Sla het logo op als SVG zonder extra tekst ervoor.`);
    if (/<script|\son[a-z]+\s*=|href\s*=\s*["']?[^"'#\s>]/i.test(logoSvg))
      problems.push(`${logoFile}: het logo bevat scripts, event-attributen of links naar buiten. Gebruik alleen vormen en tekst.`);
    if (Buffer.byteLength(logoSvg) > MAX_LOGO_BYTES)
      problems.push(`${logoFile}: het logo is ${Buffer.byteLength(logoSvg)} bytes; maximaal ${MAX_LOGO_BYTES}. Vereenvoudig het (bijvoorbeeld met svgo).`);
  } catch (error) {
    problems.push((error as Error).message);
  }

  let deployment: DeploymentSettings = {};
  try {
    deployment = loadDeployment(dir);
  } catch (error) {
    problems.push((error as Error).message);
  }

  if (problems.length || !settings) throw new Error(`Het thema in ${dir} is niet bruikbaar:\n- ${problems.join('\n- ')}`);
  return { dir, tokensFile, siteName: settings.siteName, organisation: settings.organisation, logoSvg, deployment };
}
