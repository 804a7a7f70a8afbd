/**
 * Each fact typed once: a phone number, e-mail address or web address lives in one content
 * file, and every other page gets it from there. A number typed twice is changed once and
 * stays wrong in the other file, and a victim dials what the page shows (issue 24: four pages
 * kept Moviera's old number). Sources (content/bronnen/) are left out: a source's address says
 * where a fact was read, and may rightly be an organisation's home page.
 */
import { phoneDigits } from './fields.ts';
import type { Entry, Problem, SiteContent } from './integrity.ts';

type Kind = 'telefoonnummer' | 'e-mailadres' | 'webadres';

interface Occurrence {
  file: string;
  field: string;
  shown: string;
}

/** One spelling per fact: "+31 88 374 47 44" and "088-374 47 44" are the same number. */
function normalize(kind: Kind, value: string): string {
  if (kind === 'telefoonnummer') return phoneDigits(value).replace(/^\+31/, '0');
  if (kind === 'e-mailadres') return value.trim().toLowerCase();
  const url = new URL(value);
  return `${url.host.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/$/, '')}${url.search}`;
}

const FIELD_KINDS: Record<string, Kind> = { number: 'telefoonnummer', phone: 'telefoonnummer', email: 'e-mailadres', url: 'webadres' };

/** Every contact fact in an entry's data, with the field path it sits at. Sources are skipped. */
function contactFacts(data: unknown, path: string, found: (kind: Kind, field: string, value: string) => void) {
  if (Array.isArray(data)) data.forEach((item, i) => contactFacts(item, `${path}[${i}]`, found));
  else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key === 'sources' || key === 'source') continue;
      const field = path ? `${path}.${key}` : key;
      if (typeof value === 'string' && FIELD_KINDS[key]) found(FIELD_KINDS[key], field, value);
      else contactFacts(value, field, found);
    }
  }
}

const FIX: Record<Kind, string> = {
  telefoonnummer: 'Typ een nummer maar in één bestand: laat het staan bij de organisatie waar het hoort en verwijs daar vanuit dit bestand naar',
  'e-mailadres': 'Typ een adres maar in één bestand: laat het staan bij de organisatie waar het hoort en verwijs daar vanuit dit bestand naar',
  webadres: 'Typ een webadres maar in één bestand: laat het staan bij de organisatie waar het hoort en verwijs daar vanuit dit bestand naar',
};

export function findDuplicateFacts(site: SiteContent): Problem[] {
  // Organisations first: when a fact is typed twice, the organisation file keeps it.
  const entries: Entry<unknown>[] = [
    ...site.organisaties,
    ...site.gemeenten,
    ...site.regios,
    ...site.gebieden,
    ...site.meldroutes,
    ...site.interneRoutes,
    ...site.sectoren,
    ...site.paginas,
    ...site.beleid,
  ];
  const seen = new Map<string, Occurrence>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    contactFacts(entry.data, '', (kind, field, shown) => {
      let key: string;
      try {
        key = `${kind}:${normalize(kind, shown)}`;
      } catch {
        return; // a malformed address is the schema's error, not a duplicate
      }
      const first = seen.get(key);
      if (!first) seen.set(key, { file: entry.filePath, field, shown });
      else if (first.file !== entry.filePath) {
        const via = entry.filePath.includes('/organisaties/')
          ? ` met contactVia: ${first.file.replace(/^.*\/([^/]+)\.yaml$/, '$1')}`
          : ' (bodies.<rol> of contacts met het id van de organisatie)';
        problems.push({
          file: entry.filePath,
          field,
          message: `Het ${kind} ${shown} staat ook in ${first.file} (${first.field}). ${FIX[kind]}${first.file.includes('/organisaties/') ? via : ''}. Dan verandert het overal tegelijk.`,
        });
      }
    });
  }
  return problems;
}
