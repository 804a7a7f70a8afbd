/**
 * Where a fact or an organisation is used: the content files that name an organisation id or
 * type a phone number, e-mail or web address, and the contact facts an organisation shows
 * (its own or, through contactVia, another's). For `npm run where`, so an editor sees what a
 * change touches before making it.
 */
import { phoneDigits } from './fields.ts';
import type { Entry, SiteContent } from './integrity.ts';
import { resolveContactVia } from './contact-via.ts';

export interface Use {
  file: string;
  field: string;
}

/** What a search term means: a phone number ("088-374 47 44"), an e-mail or web address, or an id. */
export function normalizeTerm(term: string): { kind: 'phone' | 'email' | 'url' | 'id'; value: string } {
  if (/^https?:\/\//i.test(term)) return { kind: 'url', value: term.replace(/\/$/, '').toLowerCase() };
  if (term.includes('@')) return { kind: 'email', value: term.toLowerCase() };
  if (/^[+\d][\d\s\-().]{2,}$/.test(term)) return { kind: 'phone', value: phoneDigits(term).replace(/^\+31/, '0') };
  return { kind: 'id', value: term };
}

function matches(term: ReturnType<typeof normalizeTerm>, value: string): boolean {
  switch (term.kind) {
    case 'phone':
      return /\d/.test(value) && phoneDigits(value).replace(/^\+31/, '0') === term.value;
    case 'email':
      return value.toLowerCase() === term.value;
    case 'url':
      return value.replace(/\/$/, '').toLowerCase() === term.value;
    case 'id':
      return value === term.value;
  }
}

function walk(data: unknown, path: string, found: (field: string, value: string) => void) {
  if (typeof data === 'string') found(path, data);
  else if (Array.isArray(data)) data.forEach((item, i) => walk(item, `${path}[${i}]`, found));
  else if (data && typeof data === 'object') for (const [key, value] of Object.entries(data)) walk(value, path ? `${path}.${key}` : key, found);
}

/** Every content file and field whose value is the term (an id is matched as a whole value, not inside text). */
export function usesOf(site: SiteContent, term: string): Use[] {
  const wanted = normalizeTerm(term);
  const uses: Use[] = [];
  for (const [name, entries] of Object.entries(site)) {
    if (name === 'broken' || !Array.isArray(entries)) continue;
    for (const entry of entries as Entry<unknown>[]) {
      if (wanted.kind === 'id' && entry.id === wanted.value) uses.push({ file: entry.filePath, field: '(het bestand zelf)' });
      walk(entry.data, '', (field, value) => {
        if (matches(wanted, value)) uses.push({ file: entry.filePath, field });
      });
    }
  }
  return uses;
}

/** What readers see of an organisation on the pages: the tel:, mailto: and web links to look for. */
export function shownFactsOf(site: SiteContent, organisationId: string): string[] {
  const organisation = resolveContactVia(site).organisaties.find((o) => o.id === organisationId);
  if (!organisation) return [];
  const { phones, email, url } = organisation.data;
  return [...phones.map((p) => `tel:${phoneDigits(p.number)}`), ...(email ? [`mailto:${email}`] : []), ...(url ? [url] : [])];
}
