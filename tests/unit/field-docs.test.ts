/** docs/EDITORS.md lists every field of every collection, generated from the schemas: never stale. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('reads a field the formatter broke over lines as the same field', () => {
    const oneLine = `export const x = z.strictObject({\n  /** File. */\n  seedFile: z.string().regex(/^a$/).optional(),\n});`;
    const broken = `export const x = z.strictObject({\n  /** File. */\n  seedFile: z\n    .string()\n    .regex(/^a$/)\n    .optional(),\n});`;
    const keyAlone = `export const x = z.strictObject({\n  /** File. */\n  seedFile:\n    z.string().regex(/^a$/).optional(),\n});`;
    expect(fieldsOf(oneLine)[0].fields).toEqual([{ path: 'seedFile', required: false, kind: 'tekst', description: 'File.' }]);
    expect(fieldsOf(broken)).toEqual(fieldsOf(oneLine));
    expect(fieldsOf(keyAlone)).toEqual(fieldsOf(oneLine));
  });

  it('gives the same reference when the real formatter lays the schemas out narrower', () => {
    // Biome at 50 columns breaks nearly every field over lines: the layout must not change a row.
    const copy = mkdtempSync(join(tmpdir(), 'field-docs-'));
    try {
      cpSync('src/lib/content/schemas', join(copy, 'src/lib/content/schemas'), { recursive: true });
      execFileSync('node_modules/.bin/biome', ['format', '--write', '--line-width=50', '--vcs-enabled=false', copy], { stdio: 'pipe' });
      const changed = readdirSync('src/lib/content/schemas').filter(
        (file) => readFileSync(join(copy, 'src/lib/content/schemas', file), 'utf8') !== readFileSync(join('src/lib/content/schemas', file), 'utf8'),
      );
      expect(changed.length, 'the narrow layout changed no schema file: the test would prove nothing').toBeGreaterThan(3);
      expect(fieldReference(copy)).toEqual(fieldReference());
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('lists a field that is new in a schema (a stale file fails the first test)', () => {
    expect(fieldReference()).toContain('| `openReason` | nee | tekst |');
    expect(fieldReference()).toContain('| `contactVia` | nee | id |');
    expect(fieldReference()).toContain('| `draft` | nee | true of false |');
  });
});
