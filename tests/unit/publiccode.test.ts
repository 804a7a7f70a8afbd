/**
 * publiccode.yml meets the publiccode.yml standard: the JSON Schema in
 * tests/fixtures/publiccode/ (SchemaStore, Apache-2.0; see the README there), plus the rules of
 * the standard's text that the schema leaves out. It also stays in step with the code: version
 * and licence with package.json, the licence with LICENSE, the languages with
 * src/i18n/locales.ts, the Node.js requirement with engines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { LOCALES } from '../../src/i18n/locales';

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, read field by field in the assertions
type Doc = Record<string, any>;

const schema = JSON.parse(readFileSync('tests/fixtures/publiccode/publiccode.schema.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * Rules the JSON Schema does not encode but the standard's text (schema.core, version 0.5) and
 * its official validator (publiccode-parser-go v4) do: maintenance contacts and contractors
 * depend on maintenance.type; longDescription and features are required in every language (the
 * text says "for at least one language", the parser asks it of each, so we follow the parser).
 */
const textRules = {
  type: 'object',
  properties: {
    maintenance: {
      type: 'object',
      allOf: [
        {
          $comment: 'contacts: mandatory if maintenance/type is internal or community',
          if: { type: 'object', properties: { type: { enum: ['internal', 'community'] } }, required: ['type'] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, copied from the publiccode.yml standard
          then: { type: 'object', required: ['contacts'], properties: { contacts: { type: 'array', minItems: 1 } } },
        },
        {
          $comment: 'contractors: mandatory if maintenance/type is contract; must not be present otherwise',
          if: { type: 'object', properties: { type: { const: 'contract' } }, required: ['type'] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, copied from the publiccode.yml standard
          then: { type: 'object', required: ['contractors'], properties: { contractors: { type: 'array', minItems: 1 } } },
          else: { not: { type: 'object', properties: { contractors: true }, required: ['contractors'] } },
        },
      ],
    },
    description: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        required: ['longDescription', 'features'],
        properties: { longDescription: { type: 'string' }, features: { type: 'array', minItems: 1 } },
      },
    },
    localisation: {
      type: 'object',
      properties: { availableLanguages: { type: 'array', minItems: 1 } },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);
const validateTextRules = ajv.compile(textRules);

const describeError = (error: ErrorObject) =>
  `${error.instancePath || '(top level)'}: ${error.message}` + (error.params.allowedValues ? ` (${error.params.allowedValues.join(', ')})` : '');

function isBcp47(tag: string) {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Every way a publiccode.yml document falls short of the standard, as readable lines. */
function problems(doc: unknown): string[] {
  const found: string[] = [];
  if (!validateSchema(doc)) found.push(...validateSchema.errors!.map(describeError));
  if (!validateTextRules(doc)) found.push(...validateTextRules.errors!.map(describeError));
  const d = (doc ?? {}) as Doc;
  const tags = [...Object.keys(d.description ?? {}), ...(d.localisation?.availableLanguages ?? [])];
  for (const tag of tags) if (!isBcp47(tag)) found.push(`${tag}: is not a BCP 47 language tag (e.g. nl, en, pt-BR)`);
  return found;
}

/**
 * YAML 1.2 core schema, as the standard asks ("Encoding"): an unquoted 2026-01-31 stays the
 * string the date keys expect instead of becoming a JavaScript Date.
 */
const load = (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Doc;
const publiccode = () => load(readFileSync('publiccode.yml', 'utf8'));

describe('publiccode.yml', () => {
  it('meets the publiccode.yml standard', () => {
    expect(problems(publiccode()), 'publiccode.yml breaks the standard; see tests/fixtures/publiccode/README.md').toEqual([]);
  });

  it('declares the version of the standard the schema checks', () => {
    expect(schema.properties.publiccodeYmlVersion.enum).toContain(publiccode().publiccodeYmlVersion);
  });

  it('has the version of package.json', () => {
    expect(publiccode().softwareVersion, 'set softwareVersion in publiccode.yml to the version in package.json').toBe(pkg.version);
  });

  it('has the licence of package.json, whose text is in LICENSE', () => {
    const license = publiccode().legal.license;
    expect(license, 'set legal.license in publiccode.yml to the license in package.json').toBe(pkg.license);
    const firstLine = readFileSync('LICENSE', 'utf8').split('\n')[0];
    expect(license).toBe('EUPL-1.2');
    expect(firstLine).toBe('EUROPEAN UNION PUBLIC LICENCE v. 1.2');
  });

  it('lists exactly the languages of the site', () => {
    const doc = publiccode();
    expect(doc.localisation.availableLanguages, 'list the languages of src/i18n/locales.ts').toEqual([...LOCALES]);
    for (const language of Object.keys(doc.description)) expect(LOCALES).toContain(language);
  });

  it('asks for the Node.js version of package.json engines', () => {
    const node = publiccode().dependsOn.open.find((dependency: Doc) => dependency.name === 'Node.js');
    expect(`>=${node.versionMin}`, 'set dependsOn Node.js versionMin to the version in engines.node').toBe(pkg.engines.node);
  });

  it('publishes no e-mail address or phone number', () => {
    const text = readFileSync('publiccode.yml', 'utf8');
    expect(text).not.toMatch(/@|\\x64/);
    for (const contact of publiccode().maintenance.contacts ?? []) expect(Object.keys(contact)).toEqual(['name']);
  });
});

describe('the check itself', () => {
  it.each(schema.required as string[])('refuses a publiccode.yml without %s', (key) => {
    const doc = publiccode();
    delete doc[key];
    expect(problems(doc)).toContain(`(top level): must have required property '${key}'`);
  });

  it.each([
    ['legal', 'license'],
    ['maintenance', 'type'],
    ['localisation', 'localisationReady'],
    ['localisation', 'availableLanguages'],
  ])('refuses a publiccode.yml without %s.%s', (section, key) => {
    const doc = publiccode();
    delete doc[section][key];
    expect(problems(doc)).toContain(`/${section}: must have required property '${key}'`);
  });

  it('refuses a description without shortDescription', () => {
    const doc = publiccode();
    delete doc.description.en.shortDescription;
    expect(problems(doc)).toContain(`/description/en: must have required property 'shortDescription'`);
  });

  it('refuses internal maintenance without contacts, and contractors without a contract', () => {
    const doc = publiccode();
    delete doc.maintenance.contacts;
    expect(problems(doc)).toContain(`/maintenance: must have required property 'contacts'`);
    const withContractors = publiccode();
    withContractors.maintenance.contractors = [{ name: 'Bedrijf', until: '2030-01-01' }];
    expect(problems(withContractors)).toContain('/maintenance: must NOT be valid');
  });

  it('refuses a language without longDescription or features', () => {
    const doc = publiccode();
    delete doc.description.en.longDescription;
    doc.description.nl.features = [];
    const found = problems(doc);
    expect(found).toContain(`/description/en: must have required property 'longDescription'`);
    expect(found).toContain('/description/nl/features: must NOT have fewer than 1 items');
  });

  it('refuses unknown keys, values outside the lists, bad dates and bad language tags', () => {
    const doc = publiccode();
    doc.nl = { countryExtensionVersion: '1.0' };
    doc.developmentStatus = 'klaar';
    doc.releaseDate = '31-01-2026';
    doc.localisation.availableLanguages = ['nl', 'nederlands!'];
    const found = problems(doc);
    expect(found).toContain('(top level): must NOT have additional properties');
    expect(found).toContain('/developmentStatus: must be equal to one of the allowed values (concept, development, beta, stable, obsolete)');
    expect(found).toContain('/releaseDate: must match format "date"');
    expect(found).toContain('nederlands!: is not a BCP 47 language tag (e.g. nl, en, pt-BR)');
  });

  it('reads an unquoted date as the string it is', () => {
    expect(load('releaseDate: 2026-01-31').releaseDate).toBe('2026-01-31');
  });
});
