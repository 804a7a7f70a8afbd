/**
 * Checks content/ without a build, in seconds: every file against its schema, the MDX texts,
 * the references between files, each fact typed once, the translations and the reporting
 * routes. Prints each problem with file, field and fix; exits 1 when there are any.
 *   npm run check:content [-- <map met inhoud>]
 */
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblems } from '../src/lib/content/integrity.ts';

const contentDir = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content';
const { problems } = checkContent(contentDir);
console.log(problems.length ? formatProblems(problems) : `Geen fouten in ${contentDir}/.`);
process.exitCode = problems.length ? 1 : 0;
