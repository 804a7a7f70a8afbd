/**
 * A broken content file must stop `astro build` with a message that names the file, the
 * field and the fix. The check before the build lists every mistake at once
 * (src/integrations/content-check.mjs), so one copy of content/ carries several independent
 * mistakes, each in a file of its own, and one real build (CONTENT_DIR, a temporary outDir)
 * shows them all: a build takes seconds of start-up, six builds took six times that. The count
 * in the list proves that no mistake hides or causes another.
 * Old contact details only warn; that build succeeds and is shared with the editor's build
 * (tests/integration/editing.test.ts).
 */
import { stripVTControlCharacters } from 'node:util';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Inside the project (git-ignored), so the built chunks resolve the project's node_modules.
mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'build-errors-'));
const content = join(work, 'content');
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

function edit(file: string, change: (text: string) => string) {
  const path = join(content, file);
  const text = readFileSync(path, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`${file} is niet veranderd; pas de test aan.`);
  writeFileSync(path, changed);
}

/** One mistake per file, so that none can stand in for another. */
const MISTAKES = {
  cbs: () => edit('gemeenten/woerden.yaml', (t) => t.replace(/cbsCode: .*/, 'cbsCode: "0632"')),
  reference: () => edit('gemeenten/venlo.yaml', (t) => t.replace(/^regio: .*/m, 'regio: bestaat-niet')),
  // Moviera, not an organisation the code names (src/lib/content/required-ids.ts): a broken one of those adds lines for each code file.
  phone: () => edit('organisaties/moviera.yaml', (t) => t.replace('088-374 47 44', '088-374')),
  missing: () => edit('gemeenten/utrecht.yaml', (t) => t.replace(/^name: .*\n/m, '')),
  mdx: () => edit('paginas/hulp.mdx', (t) => `${t}\nTekst met {PROEF} erin.\n`),
  date: () => edit('beleid/woerden-2023.mdx', (t) => t.replace(/^date: .*/m, 'date: 2026-02-30')),
};

let build: { status: number; output: string; lines: string[] };
beforeAll(async () => {
  cpSync('content', content, { recursive: true });
  for (const make of Object.values(MISTAKES)) make();
  const { status, output } = await new Promise<{ status: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/astro/bin/astro.mjs', 'build', '--force', '--outDir', join(work, 'dist')],
      {
        env: { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        timeout: 280_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      // Without colours: with CI set, Astro's logger colours its lines even into a pipe.
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, output: stripVTControlCharacters(`${stdout}\n${stderr}`) }),
    );
  });
  build = { status, output, lines: output.split('\n').filter((line) => line.trim()) };
}, 300_000);

/** The lines of the list that name this file and field: the list is printed first and last, so two. */
function problem(fileAndField: string): string[] {
  return build.lines.filter((line) => line.includes(`${content}/${fileAndField}`));
}

describe('npm run build refuses broken content', () => {
  it('stops', () => expect(build.status, build.output.slice(-3000)).not.toBe(0));

  it('a bad CBS code names the file, the field and the right format', () => {
    expect(problem('gemeenten/woerden.yaml → cbsCode:')).toEqual([expect.stringContaining('"GM" gevolgd door vier cijfers'), expect.anything()]);
  });

  it('a dangling reference names the file, the field and the existing ids', () => {
    const [line] = problem('gemeenten/venlo.yaml → regio:');
    expect(line).toContain('"bestaat-niet" bestaat niet in content/regios/');
    expect(line).toMatch(/Bestaande ids: .*basisteam-de-copen/);
  });

  it('a malformed phone number names the organisation and gives examples', () => {
    const [line] = problem('organisaties/moviera.yaml → phones.0.number:');
    expect(line).toContain('geen geldig Nederlands telefoonnummer');
    expect(line).toContain('Voorbeelden:');
  });

  it('a missing required field names the file and the field', () => {
    expect(problem('gemeenten/utrecht.yaml → name:')).toEqual([expect.stringContaining('Dit veld ontbreekt'), expect.anything()]);
  });

  it('names the line of a mistake in MDX, and an impossible date', () => {
    expect(problem('paginas/hulp.mdx → regel ')).toEqual([expect.stringMatching(/hulp\.mdx → regel \d+: \{PROEF\} is code in MDX/), expect.anything()]);
    expect(problem('beleid/woerden-2023.mdx → date: 2026-02-30 bestaat niet in de kalender')).toHaveLength(2);
    expect(build.output).not.toContain('PROEF is not defined');
  });

  it('prints every mistake once, and nothing else, first and last, above any framework noise', () => {
    const count = Object.keys(MISTAKES).length;
    const first = build.lines.findIndex((line) => line.startsWith(`De inhoud bevat ${count} fout(en)`));
    expect(first, build.output).toBeGreaterThanOrEqual(0);
    // Before the list only Astro's own start-up lines ("10:00:01 [@astrojs/node] …"), no Vite warnings.
    expect(build.lines.slice(0, first).every((line) => /^\d\d:\d\d:\d\d \[/.test(line))).toBe(true);
    expect(build.lines.slice(first + 1, first + 1 + count).every((line) => line.startsWith(`  - ${content}/`))).toBe(true);
    expect(build.lines.filter((line) => line.startsWith('  - '))).toHaveLength(2 * count);
    expect(build.lines.at(-1)).toContain('De site is niet gebouwd');
  });
});
