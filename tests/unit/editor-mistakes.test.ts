/**
 * The mistakes a new editor made in issue 24, each on a copy of content/ with one thing broken,
 * checked the way the build and `npm run check:content` check it (checkContent): each gets one
 * Dutch message naming file, field and fix, and none passes silently.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import type { Problem } from '../../src/lib/content/integrity';

mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'editor-mistakes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of content/ with `change` applied, and what checkContent says about it. */
function check(change: (dir: string) => void): Problem[] {
  const dir = join(work, String(copies++));
  cpSync('content', dir, { recursive: true });
  change(dir);
  return checkContent(dir).problems;
}

function edit(file: string, change: (text: string) => string) {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`De wijziging in ${file} veranderde niets: de test klopt niet meer met de inhoud.`);
  writeFileSync(file, after);
}

const plan = (dir: string) => join(dir, 'beleid/woerden-2023.mdx');

describe('every editor mistake of issue 24 is caught once, in Dutch, with the fix', () => {
  it('a date the calendar does not have (2026-02-30) is refused, not rolled over to 2 March', () => {
    const problems = check((dir) => edit(plan(dir), (t) => t.replace(/^date: .*/m, 'date: 2026-02-30')));
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/beleid\/woerden-2023\.mdx$/),
        field: 'date',
        message: '2026-02-30 bestaat niet in de kalender. Controleer de dag en de maand.',
      },
    ]);
  });

  it('an organisation of the wrong kind in a role (veiligThuis: fairwork) is refused, naming ones that fit', () => {
    const problems = check((dir) =>
      edit(join(dir, 'gemeenten/woerden.yaml'), (t) => `${t.trimEnd()}\nbodies:\n  veiligThuis: fairwork\n`.replace(/^bodies: \{\}\n/m, '')),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: expect.stringMatching(/gemeenten\/woerden\.yaml$/), field: 'bodies.veiligThuis' });
    expect(problems[0].message).toContain('"fairwork" (FairWork, kind: hulpverlening) kan de rol veiligThuis niet vervullen');
    expect(problems[0].message).toContain('veilig-thuis-utrecht');
  });

  it('an action without owner or deadline and without openReason is refused', () => {
    const problems = check((dir) => edit(plan(dir), (t) => t.replace(/^openReason: .*\n/m, '')));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: expect.stringMatching(/woerden-2023\.mdx$/), field: expect.stringMatching(/^actions\.\d+\.(owner|deadline)$/) });
    expect(problems[0].message).toContain('openReason');
    expect(problems.every((p) => p.file.endsWith('woerden-2023.mdx'))).toBe(true);
  });

  it('an ambition that the plan does not have is refused with "bedoelde u"', () => {
    const problems = check((dir) => edit(plan(dir), (t) => t.replace('ambition: Melden makkelijker maken', 'ambition: Melden makkelijk maken')));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'actions[0].ambition', message: expect.stringContaining('Bedoelde u "Melden makkelijker maken"?') }),
    ]);
  });

  it('an unknown key gets "bedoelde u" in Dutch, not "Unrecognized key"', () => {
    const problems = check((dir) => edit(join(dir, 'organisaties/moviera.yaml'), (t) => t.replace(/^name:/m, 'nmae:')));
    const messages = problems.map((p) => p.message).join('\n');
    expect(problems).toContainEqual(expect.objectContaining({ field: 'nmae', message: expect.stringContaining('Onbekend veld "nmae". Bedoelde u "name"?') }));
    expect(messages).not.toMatch(/Unrecognized|Invalid input/);
    // One cause, one message: the missing "name" is the same typo.
    expect(problems).toHaveLength(1);
  });

  it('a file with its own error is not reported again as missing by the files that name it', () => {
    const problems = check((dir) => edit(plan(dir), (t) => t.replace(/^status: .*/m, 'status: vastgestelt')));
    expect(problems).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/woerden-2023\.mdx$/), field: 'status', message: expect.stringContaining('Bedoelde u') }),
    ]);
  });

  it('a misspelled id is answered with "bedoelde u", not only "create it"', () => {
    const problems = check((dir) => edit(join(dir, 'gemeenten/woerden.yaml'), (t) => t.replace(/- woerden-2023/, '- woerden-2032')));
    const problem = problems.find((p) => p.field === 'policy.beleid[0]');
    expect(problem?.message).toContain('"woerden-2032" bestaat niet in content/beleid/. Bedoelde u "woerden-2023"?');
  });

  it('an unquoted year is explained: put the year between quotes', () => {
    const problems = check((dir) => edit(plan(dir), (t) => t.replace(/^period: .*/m, 'period: 2026')));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'period', message: "YAML leest 2026 als getal. Zet het jaar tussen aanhalingstekens: '2026'." }),
    ]);
  });

  it('an MDX expression ({PROEF}) names the file and the line', () => {
    const problems = check((dir) => edit(plan(dir), (t) => `${t}\nTekst met {PROEF} erin.\n`));
    const line = readFileSync('content/beleid/woerden-2023.mdx', 'utf8').split('\n').length + 1;
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/woerden-2023\.mdx$/),
        field: `regel ${line}`,
        message: expect.stringContaining('undefined expression'),
      }),
    ]);
  });

  it('broken MDX syntax names the file and the line', () => {
    const problems = check((dir) => edit(plan(dir), (t) => `${t}\nEen <b>tag die niet sluit.\n`));
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/woerden-2023\.mdx$/),
        field: expect.stringMatching(/^regel \d+$/),
        message: expect.stringContaining('geen geldige MDX'),
      }),
    ]);
  });

  it('a phone number typed in a second file names both files and says to reference the organisation', () => {
    const problems = check((dir) =>
      edit(join(dir, 'organisaties/zorgcoordinator-mensenhandel-gelderland-zuid.yaml'), (t) =>
        t.replace('contactVia: moviera\n', 'phones:\n  - number: 088-374 47 44\n    availability: Niet vermeld in de bron\n'),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/zorgcoordinator-mensenhandel-gelderland-zuid\.yaml$/),
        field: 'phones[0].number',
        message: expect.stringMatching(/088-374 47 44 staat ook in .*organisaties\/moviera\.yaml .*contactVia: moviera/),
      }),
    ]);
  });
});
