/**
 * Reads content/ from disk with the same schemas the Astro build uses, for unit tests and
 * editors' quick checks (npm run check:content). The build itself loads content through
 * Astro's content layer; both paths share schemas.ts and integrity.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'astro/zod';
import { COLLECTIONS } from './collections.ts';
import type { Entry, Problem, SiteContent } from './integrity.ts';

function frontmatter(source: string): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return match ? match[1] : '';
}

export function readContent(contentDir: string, projectDir = process.cwd()) {
  const problems: Problem[] = [];
  const site = {} as Record<string, Entry<unknown>[]>;
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    const extension = `.${spec.extension}`;
    const schema = spec.schema;
    const folder = join(contentDir, spec.folder);
    // A collection without files yet is empty, as in the Astro build. Nested collections keep one
    // folder per language, and their ids include it ("pl/hulp"), as Astro's glob loader does.
    const files = !existsSync(folder)
      ? []
      : 'nested' in spec
        ? readdirSync(folder, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .flatMap((d) => readdirSync(join(folder, d.name)).map((f) => `${d.name}/${f}`))
            .filter((f) => f.endsWith(extension))
            .sort()
        : readdirSync(folder).filter((f) => f.endsWith(extension)).sort();
    site[name] = [];
    for (const file of files) {
      const path = join(folder, file);
      const filePath = relative(projectDir, path);
      const text = readFileSync(path, 'utf8');
      let raw: unknown;
      try {
        raw = yaml.load(extension === '.mdx' ? frontmatter(text) : text);
      } catch (error) {
        problems.push({ file: filePath, field: '(yaml)', message: String((error as Error).message) });
        continue;
      }
      const result = (schema as z.ZodType).safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({ file: filePath, field: issue.path.join('.') || '(bestand)', message: issue.message });
        }
        continue;
      }
      site[name].push({ id: file.slice(0, -extension.length), filePath, data: result.data });
    }
  }
  return { site: site as unknown as SiteContent, problems };
}
