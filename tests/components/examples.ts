/**
 * Example data for component tests, parsed by the real schemas (so defaults are filled in and
 * an example that no longer fits the schema fails here, not silently in a component).
 */
import { organisatieSchema, type Organisatie } from '../../src/lib/content/schemas';
import type { Entry, SiteContent } from '../../src/lib/content/integrity';

const source = { sources: [{ bron: 'voorbeeldbron' }] };

function organisation(id: string, data: Record<string, unknown>): Entry<Organisatie> {
  return {
    id,
    filePath: `content/organisaties/${id}.yaml`,
    data: organisatieSchema.parse({ kind: 'meldpunt', description: 'Een voorbeeldorganisatie voor de componenttests.', ...source, ...data }),
  };
}

/** Anonymous, two phone lines (one free, one labelled), website and e-mail. */
export const fullOrganisation = organisation('meldpunt-voorbeeld', {
  name: 'Meldpunt Voorbeeld',
  shortName: 'MV',
  anonymous: true,
  phones: [
    { number: '0800-7000', availability: 'Elke dag, 24 uur', free: true },
    { number: '088 123 45 67', label: 'Voor professionals', availability: 'Op werkdagen van 9 tot 17 uur' },
  ],
  url: 'https://www.meldpunt.example.nl/',
  email: 'info@meldpunt.example.nl',
});

/** Only a website: no phone, no e-mail, not anonymous. */
export const websiteOnly = organisation('alleen-website', { name: 'Alleen Website', url: 'https://www.website.example.nl/' });

/** The least content a route step needs: the organisations its outcomes name. */
export const exampleSite: SiteContent = {
  bronnen: [],
  organisaties: [fullOrganisation, websiteOnly],
  regios: [],
  gebieden: [],
  gemeenten: [],
  beleid: [],
  cijfers: [],
  paginas: [],
  signalen: [],
  kwetsbaarheden: [],
  sectoren: [],
  meldroutes: [],
  interneRoutes: [],
  vertalingen: [],
  vertaaldePaginas: [],
};
