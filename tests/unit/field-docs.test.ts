/** docs/EDITORS.md lists every field of every collection, generated from the schemas: never stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldReference, fieldsOf, withFieldReference } from '../../src/lib/content/field-docs';

describe('the field reference in docs/EDITORS.md', () => {
  it('is what npm run docs:fields makes of the schemas now', () => {
    const markdown = readFileSync('docs/EDITORS.md', 'utf8');
    expect(withFieldReference(markdown, fieldReference()) === markdown, 'docs/EDITORS.md loopt achter: draai npm run docs:fields').toBe(true);
  });

  it('reads field, required, kind and description, nested fields by their path', () => {
    const source = `export const x = z.strictObject({
  /** The name. */
  name: z.string().min(2),
  /** When. */
  date: isoDate.optional(),
  /** Contact. */
  contact: z
    .strictObject({
      /** Number. */
      phone: phoneNumber,
    })
    .default({}),
  sources,
});`;
    expect(fieldsOf(source)[0].fields).toEqual([
      { path: 'name', required: true, kind: 'tekst', description: 'The name.' },
      { path: 'date', required: false, kind: 'datum (JJJJ-MM-DD)', description: 'When.' },
      { path: 'contact', required: false, kind: 'velden hieronder', description: 'Contact.' },
      { path: 'contact.phone', required: true, kind: 'telefoonnummer', description: 'Number.' },
      { path: 'sources', required: true, kind: 'lijst van bronnen (bron, section)', description: '' },
    ]);
  });

  it('lists a field that is new in a schema (a stale file fails the first test)', () => {
    expect(fieldReference()).toContain('| `openReason` | nee | tekst |');
    expect(fieldReference()).toContain('| `contactVia` | nee | id |');
    expect(fieldReference()).toContain('| `draft` | nee | true of false |');
  });
});
