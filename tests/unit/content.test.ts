/**
 * The real content/ folder: every file matches its schema and every reference resolves.
 * Run alone with `npm run check:content` while editing.
 */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findContentProblems, formatProblems } from '../../src/lib/content/integrity';

const { site, problems } = readContent('content');

describe('content/', () => {
  it('every file matches its schema', () => {
    expect(problems, formatProblems(problems)).toEqual([]);
  });

  it('every reference between files resolves and both sides agree', () => {
    const referenceProblems = findContentProblems(site);
    expect(referenceProblems, formatProblems(referenceProblems)).toEqual([]);
  });
});
