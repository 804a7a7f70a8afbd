/**
 * The real content/ folder passes every check the build runs before it starts (schemas, MDX,
 * references, each fact typed once, translations, routes). `npm run check:content` runs the
 * same checks and prints the list.
 */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { formatProblems } from '../../src/lib/content/integrity';

describe('content/', () => {
  it('passes every check of the build', () => {
    const { problems } = checkContent('content');
    expect(problems, formatProblems(problems)).toEqual([]);
  });
});
