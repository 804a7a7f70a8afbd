/** npm run where: which content files name an organisation or type a number, and what its pages show. */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { normalizeTerm, shownFactsOf, usesOf } from '../../src/lib/content/where';

const { site } = readContent('content');

describe('where', () => {
  it('reads a number however it is written', () => {
    expect(normalizeTerm('+31 88 374 47 44')).toEqual({ kind: 'phone', value: '0883744744' });
    expect(normalizeTerm('moviera')).toEqual({ kind: 'id', value: 'moviera' });
  });

  it("finds Moviera's number in its own file only, and every file that names Moviera", () => {
    expect(usesOf(site, '088 374 47 44')).toEqual([{ file: 'content/organisaties/moviera.yaml', field: 'phones[0].number' }]);
    const files = usesOf(site, 'moviera').map((u) => u.file);
    expect(files).toContain('content/organisaties/zorgcoordinator-mensenhandel-gelderland-zuid.yaml');
    expect(files).toContain('content/organisaties/moviera.yaml');
  });

  it("shows the Gelderland-Zuid coordinator with the number from Moviera's file (contactVia)", () => {
    expect(shownFactsOf(site, 'zorgcoordinator-mensenhandel-gelderland-zuid')).toContain('tel:0883744744');
    const changed = structuredClone(site);
    changed.organisaties.find((o) => o.id === 'moviera')!.data.phones[0].number = '088-123 45 67';
    expect(shownFactsOf(changed, 'zorgcoordinator-mensenhandel-gelderland-zuid')).toContain('tel:0881234567');
    expect(shownFactsOf(changed, 'zorgcoordinator-mensenhandel-gelderland-zuid')).not.toContain('tel:0883744744');
  });
});
