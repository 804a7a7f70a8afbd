/**
 * A translation made from an older Dutch text is shown as pending, as the pages load it
 * (src/lib/site-data.ts): the Dutch text with the notice, never the old translation, for every
 * kind of text the fingerprints in content/vertalingen/<taal>.bron.json cover. Recording the
 * translation as up to date (what `--vertaald` does) brings it back. Run against a copy of content/.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSite } from '../../src/lib/content/read-content';
import { dutchSourceHashes, recordHashes, staleTranslationKeys, withStaleAsPending } from '../../src/lib/content/translation-sources';
import { localizeRouteNode, localizeSignal, summaryFor } from '../../src/lib/content/localize';
import { nationalRoute } from '../../src/lib/content/translations';

mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'stale-translations-'));
const content = join(work, 'content');
cpSync('content', content, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function edit(file: string, from: string, to: string) {
  const path = join(content, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} bevat "${from}"`).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

const asReaders = () => withStaleAsPending(readSite(content), staleTranslationKeys(content));
const signal = (site: ReturnType<typeof asReaders>, id: string) => localizeSignal(site, 'en', site.signalen.find((s) => s.id === id)!);

describe('stale translations are shown as pending', () => {
  it('today nothing is stale: every translation shows', () => {
    expect(Object.values(staleTranslationKeys('content')).flatMap((keys) => [...(keys ?? [])])).toEqual([]);
    const site = withStaleAsPending(readSite('content'), staleTranslationKeys('content'));
    expect(site.pendingPages?.size).toBe(0);
    expect(signal(site, 'afhankelijk-van-een-persoon').pending).toBeUndefined();
  });

  it('a changed Dutch signal, route step, plan, internal route and page show in Dutch, in that language only', () => {
    edit('signalen/afhankelijk-van-een-persoon.yaml', 'Zo kan iemand moeilijk weg.', 'Daardoor kan iemand moeilijk weg.');
    edit('meldroutes/landelijk.yaml', 'Bovenaan ziet u wie hulp regelt', 'Bovenaan staat wie hulp regelt');
    edit('beleid/groningen-2022-2024.mdx', 'Voor buitenlandse en mannelijke slachtoffers', 'Voor mannelijke en buitenlandse slachtoffers');
    edit('interne-routes/noord-midden-limburg.yaml', 'minstens negen stappen', 'ten minste negen stappen');
    edit('paginas/veilig-browsen.mdx', 'Zoek in uw geschiedenis op *Meldwijzer*.', 'Zoek in de geschiedenis op *Meldwijzer*.');
    const stale = staleTranslationKeys(content);
    for (const locale of ['en', 'pl', 'ro', 'bg', 'uk']) {
      expect([...(stale[locale] ?? [])].sort(), locale).toEqual([
        'beleid.groningen-2022-2024',
        'interneRoutes.noord-midden-limburg',
        'meldroute.uitkomst-hulp-voor-uzelf',
        'paginas.veilig-browsen',
        'signalen.afhankelijk-van-een-persoon',
      ]);
    }

    const site = asReaders();
    const shown = signal(site, 'afhankelijk-van-een-persoon');
    expect(shown.pending).toBe(true);
    expect(shown.data.explanation).toContain('Daardoor kan iemand moeilijk weg.');
    const step = localizeRouteNode(site, 'en', 'uitkomst-hulp-voor-uzelf', nationalRoute(site)!.data.nodes['uitkomst-hulp-voor-uzelf']);
    expect(step.pending).toBe(true);
    expect(summaryFor(site, 'en', 'beleid', 'groningen-2022-2024', 'Nederlands')).toEqual({ text: 'Nederlands', pending: true });
    expect(summaryFor(site, 'en', 'interneRoutes', 'noord-midden-limburg', 'Nederlands')).toEqual({ text: 'Nederlands', pending: true });
    expect([...site.pendingPages!].sort()).toEqual(['bg/veilig-browsen', 'en/veilig-browsen', 'pl/veilig-browsen', 'ro/veilig-browsen', 'uk/veilig-browsen']);
    // Untouched texts keep their translation.
    expect(signal(site, 'altijd-een-begeleider-aanwezig').pending).toBeUndefined();
    expect(summaryFor(site, 'en', 'beleid', 'utrechtse-heuvelrug-2023', 'Nederlands').pending).toBe(false);
  });

  it('recording a translation as up to date (--vertaald) shows it again, for that language and key only', () => {
    recordHashes(content, 'en', dutchSourceHashes(readSite(content)), ['signalen.afhankelijk-van-een-persoon', 'paginas.veilig-browsen']);
    const site = asReaders();
    const shown = signal(site, 'afhankelijk-van-een-persoon');
    expect(shown.pending).toBeUndefined();
    expect(shown.data.explanation).not.toContain('Daardoor');
    expect(site.pendingPages?.has('en/veilig-browsen')).toBe(false);
    expect(site.pendingPages?.has('pl/veilig-browsen')).toBe(true);
    expect(localizeSignal(site, 'pl', site.signalen.find((s) => s.id === 'afhankelijk-van-een-persoon')!).pending).toBe(true);
    expect(summaryFor(site, 'en', 'beleid', 'groningen-2022-2024', 'Nederlands').pending).toBe(true);
  });
});
