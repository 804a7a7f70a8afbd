/**
 * A broken content file must stop `astro build` with a message that names the file, the
 * field and the fix. Each case copies content/ to a temporary folder, breaks one thing, and
 * runs the real build on it (CONTENT_DIR), writing to a temporary outDir.
 */
import { stripVTControlCharacters } from 'node:util';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Inside the project (git-ignored), so the built chunks resolve the project's node_modules.
mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'build-errors-'));
// A successful build (the stale-contacts case) leaves a whole site to remove: give it time.
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** Runs the real build on a broken copy of content/. Async, so the cases build side by side. */
function buildWith(name: string, breakContent: (dir: string) => void): Promise<{ status: number; output: string }> {
  const dir = join(work, name);
  cpSync('content', dir, { recursive: true });
  breakContent(dir);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/astro/bin/astro.mjs', 'build', '--force', '--outDir', join(work, `${name}-dist`)],
      {
        env: { ...process.env, CONTENT_DIR: dir, ASTRO_CACHE_DIR: join(work, `${name}-cache`), ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8',
        timeout: 280_000, maxBuffer: 16 * 1024 * 1024,
      },
      // Without colours: with CI set, Astro's logger colours its lines even into a pipe.
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, output: stripVTControlCharacters(`${stdout}\n${stderr}`) }),
    );
  });
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

// The cases build side by side: each build is one Node process, so on 2 cores they take about
// half the time of one after the other.
describe.concurrent('npm run build refuses broken content', { timeout: 150_000 }, () => {
  it('a bad CBS code names the file, the field and the right format', async () => {
    const { status, output } = await buildWith('cbs', (dir) =>
      edit(join(dir, 'gemeenten/woerden.yaml'), (t) => t.replace(/cbsCode: .*/, 'cbsCode: "0632"')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/gemeenten/);
    expect(output).toMatch(/woerden/);
    expect(output).toMatch(/cbsCode/);
    expect(output).toContain('"GM" gevolgd door vier cijfers');
  });

  it('a dangling reference names the file, the field and the existing ids', async () => {
    const { status, output } = await buildWith('reference', (dir) =>
      edit(join(dir, 'gemeenten/woerden.yaml'), (t) => t.replace(/^regio: .*/m, 'regio: bestaat-niet')),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('gemeenten/woerden.yaml → regio');
    expect(output).toContain('"bestaat-niet" bestaat niet in content/regios/');
  });

  it('a malformed phone number names the organisation and gives examples', async () => {
    const { status, output } = await buildWith('phone', (dir) =>
      edit(join(dir, 'organisaties/veilig-thuis.yaml'), (t) => t.replace('0800-2000', '0800-20')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/organisaties/);
    expect(output).toMatch(/veilig-thuis/);
    expect(output).toMatch(/phones/);
    expect(output).toContain('geen geldig Nederlands telefoonnummer');
  });

  it('a missing required field names the file and the field', async () => {
    const { status, output } = await buildWith('missing', (dir) =>
      edit(join(dir, 'gemeenten/woerden.yaml'), (t) => t.replace(/^name: .*\n/m, '')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/woerden/);
    expect(output).toMatch(/\bname\b/);
  });

  it('prints the content errors first and last, above any framework noise, with file and line for MDX', async () => {
    const { status, output } = await buildWith('first-last', (dir) => {
      edit(join(dir, 'paginas/hulp.mdx'), (t) => `${t}\nTekst met {PROEF} erin.\n`);
      edit(join(dir, 'beleid/woerden-2023.mdx'), (t) => t.replace(/^date: .*/m, 'date: 2026-02-30'));
    });
    expect(status).not.toBe(0);
    const lines = output.split('\n').filter((line) => line.trim());
    const first = lines.findIndex((line) => line.startsWith('De inhoud bevat 2 fout(en)'));
    expect(first).toBeGreaterThanOrEqual(0);
    // Before the list only Astro's own start-up lines ("10:00:01 [@astrojs/node] …"), no Vite warnings.
    expect(lines.slice(0, first).every((line) => /^\d\d:\d\d:\d\d \[/.test(line))).toBe(true);
    expect(lines.at(-1)).toContain('De site is niet gebouwd');
    const mdx = lines.filter((line) => /paginas\/hulp\.mdx → regel \d+: \{PROEF\} is code in MDX/.test(line));
    const date = lines.filter((line) => line.includes('woerden-2023.mdx → date: 2026-02-30 bestaat niet in de kalender'));
    expect([mdx.length, date.length]).toEqual([2, 2]);
    expect(output).not.toContain('PROEF is not defined');
  });
});

// Old contact details warn but never stop the build (issue 22): an old number still helps a reader.
describe('npm run build warns about contacts not checked for twelve months', { timeout: 300_000 }, () => {
  it('names each file and its last check, and still builds', async () => {
    const { status, output } = await buildWith('stale-contacts', (dir) => {
      edit(join(dir, 'organisaties/comensha.yaml'), (t) => t.replace(/^checked: .*$/m, 'checked: 2020-01-01'));
      edit(join(dir, 'organisaties/fairwork.yaml'), (t) => t.replace(/^checked: .*\n/m, ''));
    });
    expect(status).toBe(0);
    expect(output).toContain('langer dan 12 maanden niet gecontroleerd');
    expect(output).toMatch(/organisaties\/comensha\.yaml: laatst gecontroleerd op 2020-01-01/);
    expect(output).toMatch(/organisaties\/fairwork\.yaml: nog nooit gecontroleerd/);
  });
});
