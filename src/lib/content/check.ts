/**
 * Every check of the content in one call: files against their schemas and MDX, then the checks
 * across files (check-site.ts). Used before every build (src/integrations/content-check.mjs), by
 * `npm run check:content` and by the tests, so all three print the same messages (file, field,
 * fix). Node only: it reads content/ from disk.
 */
import { readContent } from './read-content.ts';
import type { Problem, SiteContent } from './integrity.ts';
import { checkSite } from './check-site.ts';

export function checkContent(contentDir: string, projectDir = process.cwd()): { site: SiteContent; problems: Problem[] } {
  const { site, problems } = readContent(contentDir, projectDir);
  return { site, problems: [...problems, ...checkSite(site, problems)] };
}
