/**
 * Every interface string of the site, in Dutch. Content (plans, organisations, pages) lives in
 * content/; this file holds only the words around it. A translation is a file with the same keys.
 */
export const nl = {
  'site.name': 'Meldwijzer Mensenhandel',
  'site.tagline': 'Signalen herkennen, weten waar u kunt melden, hulp vinden',
  'skip.main': 'Naar de inhoud',
  'nav.label': 'Hoofdmenu',
  'nav.home': 'Home',
  'nav.signalen': 'Signalen',
  'nav.wat': 'Wat is mensenhandel',
  'nav.zoeken': 'Zoeken',
  'nav.melden': 'Melden',
  'nav.gemeenten': 'Gemeenten',
  'nav.hulp': 'Hulp voor slachtoffers',
  'nav.cijfers': 'Cijfers',
  'footer.label': 'Over deze site',
  'footer.organisaties': 'Organisaties',
  'footer.cijfers': 'Cijfers',
  'footer.bronnen': 'Bronnen en colofon',
  'footer.privacy': 'Privacy',
  'footer.toegankelijkheid': 'Toegankelijkheid',
  'footer.veilig': 'Veilig deze site bezoeken',
  'footer.note':
    'Deze site gebruikt geen cookies en laadt niets van andere websites. Bij acuut gevaar: bel 112.',
  'exit.link': 'Snel weg',
  'exit.hint': 'Verlaat deze site direct. Of druk 3 keer op Shift.',
  'exit.leaving': 'U verlaat deze pagina.',
  'exit.shiftCount': 'Shift {n} van 3',
  'exit.explain': 'Wat doet de knop Snel weg?',
  'breadcrumbs.label': 'Kruimelpad',
  'sources.title': 'Bronnen',
  'sources.section': 'onderdeel',
  'contact.anonymous': 'Anoniem',
  'contact.free': 'gratis',
  'contact.website': 'Website',
  'contact.email': 'E-mail',
  'contact.call': 'Bel',
  'date.exact': 'Datum document',
  'date.period': 'Periode',
  'date.old': 'Let op: dit document is van {year}. Namen, organisaties en werkwijzen kunnen sindsdien veranderd zijn.',
  'notFound.title': 'Pagina niet gevonden',
} as const;

export type UiKey = keyof typeof nl;
