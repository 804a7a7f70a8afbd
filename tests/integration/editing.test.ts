/**
 * What an editor does, built for real from a copy of content/ (issue 24): a new signal without
 * any translation publishes, in Dutch with the notice on the English page; a concept never
 * publishes; Moviera's number changed once changes every page that showed it. check:translations
 * lists the new signal as pending and a changed Dutch text as stale; a signal or translated page
 * whose Dutch changed after the translation shows in Dutch with the notice. Contacts not checked for
 * twelve months warn but still build (issue 22). One build of one edited copy serves every
 * assertion: the edits touch different files and each assertion reads only its own pages. The
 * copy keeps a few municipalities (tests/support/content-subset.ts): 16 of the site's pages are
 * per municipality, and a build of all 342 took 41 s of CPU against 19 s for these (load 6).
 * The kept ones are those the checks need (Moviera's region, written by hand and generated, with
 * and without a plan) and one of every plan. Needs `npm run build` first (the pages that show
 * Moviera's number now are read from dist/client).
 * Not in npm test: `npm run test:long`, part of `npm run test:more`, which .ci/run runs after it.
 */
import { stripVTControlCharacters } from 'node:util';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_STRINGS } from '../../src/i18n/index.ts';
import { readSite } from '../../src/lib/content/read-content.ts';
import { staleTranslationKeys, withStaleAsPending } from '../../src/lib/content/translation-sources.ts';
import { localizeSignal } from '../../src/lib/content/localize.ts';
import { copyContentSubset } from '../support/content-subset.ts';

mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'editing-'));
const content = join(work, 'content');
const out = join(work, 'dist');
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

const NEW_SIGNAL = `statement: Iemand slaapt op de plek waar hij of zij werkt, zonder eigen kamer.
forms:
- arbeidsuitbuiting
context: beide
audiences:
  inwoner: true
  professional:
  - toezicht-handhaving
sources:
- bron: beleid-mensenhandel-woerden
  section: Bijlage 3 Signalen(kaart)
`;
/**
 * Moviera is the care coordinator of Veilig Thuis Utrecht (Woerden and Utrechtse Heuvelrug have
 * a plan, Zeist is generated) and is reached through Gelderland-Zuid's (Nijmegen). Groningen,
 * Venlo and Enschede keep a page for each of the other plans; Mook en Middelaar, which has a
 * route of its own, is kept by copyContentSubset.
 */
const GEMEENTEN = ['woerden', 'utrechtse-heuvelrug', 'zeist', 'nijmegen', 'groningen', 'venlo', 'enschede'];
const OLD_NUMBER = 'tel:0883744744';
const NEW_NUMBER = 'tel:0881234567';

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 280_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) =>
        // Without colours: with CI set, Astro's logger colours its lines even into a pipe.
        resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, output: stripVTControlCharacters(`${stdout}\n${stderr}`) }),
    );
  });
}

/** The HTML pages under a client folder, as paths relative to it ("gemeenten/zeist/index.html"). */
function pagesOf(clientDir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
  return walk(clientDir)
    .map((file) => relative(clientDir, file).split(sep).join('/'))
    .sort();
}

function pagesWith(clientDir: string, needle: string, among = pagesOf(clientDir)): string[] {
  return among.filter((page) => readFileSync(join(clientDir, page), 'utf8').includes(`href="${needle}"`));
}

function edit(file: string, from: string | RegExp, to: string) {
  const path = join(content, file);
  const text = readFileSync(path, 'utf8');
  if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) throw new Error(`${file} bevat "${from}" niet meer; pas de test aan.`);
  writeFileSync(path, text.replace(from, to));
}

let build: { status: number; output: string };
let kept: string[];
beforeAll(async () => {
  kept = copyContentSubset(content, GEMEENTEN);
  writeFileSync(join(content, 'signalen/slapen-op-het-werk.yaml'), NEW_SIGNAL);
  writeFileSync(join(content, 'signalen/concept-signaal.yaml'), NEW_SIGNAL.replace('slaapt op de plek', 'slaapt altijd op de plek') + 'draft: true\n');
  // Dutch changed after the translations: a signal and a translated page (issue 24, stale).
  edit('signalen/afhankelijk-van-een-persoon.yaml', 'Zo kan iemand moeilijk weg.', 'Daardoor kan iemand moeilijk weg.');
  edit('paginas/veilig-browsen.mdx', 'Zoek in uw geschiedenis op *Meldwijzer*.', 'Zoek in de geschiedenis op *Meldwijzer*.');
  const moviera = join(content, 'organisaties/moviera.yaml');
  writeFileSync(moviera, readFileSync(moviera, 'utf8').replace('088-374 47 44', '088-123 45 67'));
  // Old contact details: one checked long ago, one never (issue 22).
  edit('organisaties/comensha.yaml', /^checked: .*$/m, 'checked: 2020-01-01');
  edit('organisaties/fairwork.yaml', /^checked: .*\n/m, '');
  build = await run(['node_modules/astro/bin/astro.mjs', 'build', '--force', '--outDir', out], {
    CONTENT_DIR: content,
    ASTRO_CACHE_DIR: join(work, 'cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
  });
}, 300_000);

describe('an editor publishes Dutch first', { timeout: 60_000 }, () => {
  it('builds, with the chosen municipalities only', () => {
    expect(build.status, build.output.slice(-3000)).toBe(0);
    const built = readdirSync(join(out, 'client/gemeenten'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(built.map((entry) => entry.name).sort()).toEqual([...GEMEENTEN, 'mook-en-middelaar'].sort());
    expect(kept).toEqual([...GEMEENTEN, 'mook-en-middelaar'].sort());
  });

  // Old contact details warn but never stop the build (issue 22): an old number still helps a reader.
  it('warns about contacts not checked for twelve months, naming each file and its last check, and still builds', () => {
    expect(build.status).toBe(0);
    expect(build.output).toContain('langer dan 12 maanden niet gecontroleerd');
    expect(build.output).toMatch(/organisaties\/comensha\.yaml: laatst gecontroleerd op 2020-01-01/);
    expect(build.output).toMatch(/organisaties\/fairwork\.yaml: nog nooit gecontroleerd/);
  });

  it('shows a new signal without translations on the English page, in Dutch, with the notice', () => {
    const html = readFileSync(join(out, 'client/en/signalen/signaal/slapen-op-het-werk/index.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*lang="nl"[^>]*>Iemand slaapt op de plek waar hij of zij werkt/);
    expect(html).toContain(UI_STRINGS.en['untranslated.title']);
    // "Wie kan dit zien?" is not dropped: the audiences are listed, Dutch-only pages marked.
    expect(html).toContain(UI_STRINGS.en['signal.whoSees']);
    expect(html).toContain(UI_STRINGS.en['role.toezicht-handhaving']);
    const list = readFileSync(join(out, 'client/en/signalen/index.html'), 'utf8');
    expect(list).toContain('lang="nl">Iemand slaapt op de plek');
  });

  it('shows the example of a translated signal in Dutch, marked, instead of dropping it', () => {
    const html = readFileSync(join(out, 'client/en/signalen/signaal/veel-minder-dan-het-minimumloon/index.html'), 'utf8');
    expect(html).toContain(UI_STRINGS.en['signal.example']);
    expect(html).toMatch(
      new RegExp(`<span lang="nl">[^<]+</span> <span class="muted">${String(UI_STRINGS.en['language.dutchOnly']).replace(/[()]/g, '\\$&')}`),
    );
  });

  it('shows a signal whose Dutch changed after the translation in Dutch, with the notice, until --vertaald records it', async () => {
    const html = readFileSync(join(out, 'client/en/signalen/signaal/afhankelijk-van-een-persoon/index.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*lang="nl"[^>]*>Iemand lijkt voor bijna alles afhankelijk/);
    expect(html).toContain('Daardoor kan iemand moeilijk weg.');
    expect(html).toContain(UI_STRINGS.en['untranslated.title']);
    // An untouched signal keeps its translation.
    expect(readFileSync(join(out, 'client/en/signalen/signaal/altijd-een-begeleider-aanwezig/index.html'), 'utf8')).not.toContain(
      UI_STRINGS.en['untranslated.title'],
    );

    const recorded = await run(['scripts/check-translations.ts', '--vertaald', 'en', 'signalen.afhankelijk-van-een-persoon'], { CONTENT_DIR: content });
    expect(recorded.status, recorded.output).toBe(0);
    const stale = staleTranslationKeys(content);
    expect(stale.en?.has('signalen.afhankelijk-van-een-persoon')).toBe(false);
    expect(stale.pl?.has('signalen.afhankelijk-van-een-persoon')).toBe(true);
    const site = withStaleAsPending(readSite(content), stale);
    const shown = localizeSignal(site, 'en', site.signalen.find((s) => s.id === 'afhankelijk-van-een-persoon')!);
    expect(shown.pending).toBeUndefined();
    expect(shown.data.explanation).not.toContain('Daardoor');
  });

  it('shows a translated page whose Dutch changed in Dutch, with the notice, in every language', () => {
    for (const locale of ['en', 'pl', 'ro', 'bg', 'uk'] as const) {
      const html = readFileSync(join(out, `client/${locale}/veilig-browsen/index.html`), 'utf8');
      expect(html, locale).toContain(UI_STRINGS[locale]['untranslated.title']);
      expect(html, locale).toMatch(/<h1[^>]*lang="nl"[^>]*>Veilig deze site bezoeken</);
      expect(html, locale).toMatch(/<div lang="nl">[\s\S]*Zoek in de geschiedenis op <em>Meldwijzer<\/em>/);
    }
    // Another translated page is unchanged, so it stays translated.
    expect(readFileSync(join(out, 'client/en/hulp/index.html'), 'utf8')).not.toContain(UI_STRINGS.en['untranslated.title']);
  });

  it('never publishes a concept (draft: true)', () => {
    expect(existsSync(join(out, 'client/signalen/signaal/slapen-op-het-werk/index.html'))).toBe(true);
    expect(existsSync(join(out, 'client/signalen/signaal/concept-signaal/index.html'))).toBe(false);
    expect(existsSync(join(out, 'client/en/signalen/signaal/concept-signaal/index.html'))).toBe(false);
  });

  it('shows a concept in the preview (astro dev), and only there', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    // Without Vitest's NODE_ENV=test and VITEST: under those astro dev answers 404 on every page.
    const { NODE_ENV, VITEST, ...env } = process.env;
    const dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      env: { ...env, CONTENT_DIR: content, ASTRO_CACHE_DIR: join(work, 'dev-cache'), ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // Wait for the dev server to say it is ready (content synced, watching).
      let log = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('watching for file changes')) resolve();
        };
        dev.stdout.on('data', onData);
        dev.stderr.on('data', onData);
        dev.on('exit', (code) => reject(new Error(`astro dev stopte (${code}):\n${log}`)));
      });
      const response = await fetch(`http://127.0.0.1:${port}/signalen/signaal/concept-signaal/`);
      expect(response.status, log).toBe(200);
      expect(await response.text()).toContain('Iemand slaapt altijd op de plek');
    } finally {
      dev.kill();
    }
    // astro dev starts by loading and checking all content; on two busy cores that took over 60 s.
  }, 180_000);

  it("changes every page that showed Moviera's number when the number changes in its own file", () => {
    const copy = pagesOf(join(out, 'client'));
    // The copy builds a subset of the site's pages, and the new signal's page in each language.
    const shared = copy.filter((page) => existsSync(join('dist/client', page)));
    expect(copy.filter((page) => !shared.includes(page))).toEqual(
      ['', 'bg/', 'en/', 'pl/', 'ro/', 'uk/'].map((prefix) => `${prefix}signalen/signaal/slapen-op-het-werk/index.html`).sort(),
    );
    // Of the pages the copy builds, those that showed the old number in the real build.
    const before = pagesWith('dist/client', OLD_NUMBER, shared);
    expect(before).toEqual(
      expect.arrayContaining([
        'organisaties/moviera/index.html',
        'gebieden/veilig-thuis-regio-utrecht/index.html',
        'gebieden/veilig-thuis-regio-gelderland-zuid/index.html',
        'regios/basisteam-heuvelrug/index.html',
        ...['woerden', 'utrechtse-heuvelrug', 'zeist', 'nijmegen'].flatMap((id) => [
          `gemeenten/${id}/index.html`,
          `gemeenten/${id}/signalenkaart/index.html`,
          `gemeenten/${id}/melden/uitkomst-hulp-voor-uzelf/index.html`,
        ]),
      ]),
    );
    expect(pagesWith(join(out, 'client'), OLD_NUMBER, copy)).toEqual([]);
    expect(pagesWith(join(out, 'client'), NEW_NUMBER, copy)).toEqual(before);
  });

  it('check:translations lists the new signal as pending and a changed Dutch text as stale, per language, without failing', async () => {
    const signal = join(content, 'signalen/paspoort-niet-in-eigen-bezit.yaml');
    writeFileSync(signal, readFileSync(signal, 'utf8').replace('eigen paspoort of ID-kaart niet zelf', 'eigen paspoort of identiteitskaart niet zelf'));
    const { status, output } = await run(['scripts/check-translations.ts'], { CONTENT_DIR: content });
    expect(status, output).toBe(0);
    for (const locale of ['en', 'pl', 'ro', 'bg', 'uk']) {
      expect(output).toMatch(new RegExp(`ontbreekt +\\S*vertalingen/${locale}\\.yaml › signalen\\.slapen-op-het-werk: niet vertaald`));
      expect(output).toContain(
        `verouderd   signalen.paspoort-niet-in-eigen-bezit: de Nederlandse tekst is veranderd na de vertaling. Werk de vertaling bij en draai: npm run check:translations -- --vertaald ${locale} signalen.paspoort-niet-in-eigen-bezit`,
      );
    }
  });
});
