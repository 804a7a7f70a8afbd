/**
 * Organisations that code names by id: each must exist in the content, a missing one fails the
 * integrity pass naming the code file, and the list of files that use each id stays true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findContentProblems } from '../../src/lib/content/integrity';
import { REQUIRED_ORGANISATIONS } from '../../src/lib/content/required-ids';

const { site } = readContent('content');

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? codeFiles(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('organisations named in code', () => {
  it('all exist in content/organisaties/', () => {
    const ids = new Set(site.organisaties.map((o) => o.id));
    for (const { id } of Object.values(REQUIRED_ORGANISATIONS)) expect(ids, id).toContain(id);
  });

  it('a missing one fails the integrity pass, naming each code file, the id and the fix', () => {
    const broken = structuredClone(site);
    broken.organisaties = broken.organisaties.filter((o) => o.id !== 'nederlandse-arbeidsinspectie');
    // Content that names it fails too; the code file gets a problem of its own.
    expect(findContentProblems(broken)).toContainEqual({
      file: 'src/pages/gemeenten/[gemeente]/signalenkaart.astro',
      field: 'LABOUR_INSPECTORATE',
      message: expect.stringContaining(
        '"nederlandse-arbeidsinspectie", maar content/organisaties/nederlandse-arbeidsinspectie.yaml bestaat niet. Maak content/organisaties/nederlandse-arbeidsinspectie.yaml aan of pas src/pages/gemeenten/[gemeente]/signalenkaart.astro aan',
      ),
    });
  });

  it('lists exactly the files that use each constant, and no page spells such an id out', () => {
    const files = codeFiles('src')
      .filter((f) => !f.endsWith('required-ids.ts'))
      .sort();
    const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    for (const [name, { id, usedBy }] of Object.entries(REQUIRED_ORGANISATIONS)) {
      expect(
        files.filter((f) => new RegExp(`\\b${name}\\b`).test(text.get(f)!)),
        name,
      ).toEqual([...usedBy].sort());
      // findById(site.organisaties, 'politie') in a page bypasses this list.
      const literal = new RegExp(`organisaties, ['"\`]${id}['"\`]`);
      expect(
        files.filter((f) => literal.test(text.get(f)!)),
        id,
      ).toEqual([]);
    }
  });
});
