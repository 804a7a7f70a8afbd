/**
 * Reads content/ from disk with the same schemas the Astro build uses, for the check before
 * every build (src/integrations/content-check.mjs), unit tests and editors' quick checks
 * (npm run check:content). Astro's content layer then loads the same files for the pages;
 * both paths share schemas.ts and integrity.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'astro/zod';
import { COLLECTIONS, type CollectionName } from './collections.ts';
import type { Entry, Problem, SiteContent } from './integrity.ts';
import { dutchError, suggestedKey } from './messages.ts';
import { findMdxProblems } from './mdx-check.ts';
import { resolveContactVia } from './contact-via.ts';

function frontmatter(source: string): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return match ? match[1] : '';
}

/** Files of a collection, relative to its folder ("woerden.yaml", or "pl/hulp.mdx" when nested). */
function filesOf(folder: string, extension: string, nested: boolean): string[] {
  if (!existsSync(folder)) return [];
  if (!nested)
    return readdirSync(folder)
      .filter((f) => f.endsWith(extension))
      .sort();
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(folder, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => f.endsWith(extension))
    .sort();
}

/**
 * `nmae:` gives two issues, an unknown key and a missing `name`; keep only the first, which says
 * "bedoelde u "name"?" and so already gives the fix for both.
 */
function oneErrorPerCause(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const misspelled = new Set(
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, suggestedKey(issue.message, key) ?? ''].join('.')) : [],
    ),
  );
  return issues.filter((issue) => !(issue.code === 'invalid_type' && issue.input === undefined && misspelled.has(issue.path.join('.'))));
}

/**
 * CORE_SCHEMA keeps an unquoted date as the text the editor typed: the default schema would
 * turn 2026-02-30 into a Date of 2 March before any check could see it.
 */
const YAML_OPTIONS = { schema: yaml.CORE_SCHEMA };

export function readContent(contentDir: string, projectDir = process.cwd()) {
  const problems: Problem[] = [];
  const site = {} as Record<string, Entry<unknown>[]>;
  // Files that exist but fail their schema: other files may still name them without a second
  // error ("… bestaat niet") for the same cause.
  const broken = {} as Record<CollectionName, Set<string>>;
  for (const [name, spec] of Object.entries(COLLECTIONS) as [CollectionName, (typeof COLLECTIONS)[CollectionName]][]) {
    const extension = `.${spec.extension}`;
    const folder = join(contentDir, spec.folder);
    // A collection without files yet is empty, as in the Astro build. Nested collections keep one
    // folder per language, and their ids include it ("pl/hulp"), as Astro's glob loader does.
    site[name] = [];
    broken[name] = new Set();
    for (const file of filesOf(folder, extension, 'nested' in spec)) {
      const id = file.slice(0, -extension.length);
      const path = join(folder, file);
      const filePath = relative(projectDir, path);
      const text = readFileSync(path, 'utf8');
      let raw: unknown;
      try {
        raw = yaml.load(extension === '.mdx' ? frontmatter(text) : text, YAML_OPTIONS);
      } catch (error) {
        const { reason, mark } = error as yaml.YAMLException;
        problems.push({
          file: filePath,
          field: mark ? `regel ${mark.line + 1}` : '(yaml)',
          message: `Dit is geen geldige YAML: ${reason ?? (error as Error).message}. Let op inspringen (spaties, geen tabs) en zet tekst met een dubbele punt tussen aanhalingstekens.`,
        });
        broken[name].add(id);
        continue;
      }
      if (extension === '.mdx') problems.push(...findMdxProblems(filePath, text));
      const result = (spec.schema as z.ZodType).safeParse(raw ?? {}, { error: dutchError });
      if (!result.success) {
        for (const issue of oneErrorPerCause(result.error.issues)) {
          // An unknown key is named as the field itself, not as the object around it.
          const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
          problems.push({ file: filePath, field: path.join('.') || '(bestand)', message: issue.message });
        }
        broken[name].add(id);
        continue;
      }
      site[name].push({ id, filePath, data: result.data });
    }
  }
  return { site: { ...site, broken } as unknown as SiteContent, problems };
}

/** The content as the pages see it: organisations with their contactVia filled in (contact-via.ts). */
export function readSite(contentDir: string): SiteContent {
  return resolveContactVia(readContent(contentDir).site);
}
