/**
 * Rewrites the field reference in docs/EDITORS.md from the schemas (src/lib/content/field-docs.ts):
 *   npm run docs:fields            write it
 *   npm run docs:fields -- --check exit 1 when the file is stale (a unit test does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fieldReference, withFieldReference } from '../src/lib/content/field-docs.ts';

const FILE = 'docs/EDITORS.md';
const current = readFileSync(FILE, 'utf8');
const wanted = withFieldReference(current, fieldReference());
if (process.argv.includes('--check')) {
  if (wanted !== current) {
    console.error(`${FILE}: de veldenlijst loopt achter op de schema's. Draai npm run docs:fields en commit het resultaat.`);
    process.exitCode = 1;
  } else console.log(`${FILE}: de veldenlijst is bij.`);
} else {
  writeFileSync(FILE, wanted);
  console.log(wanted === current ? `${FILE}: al bij.` : `${FILE}: veldenlijst bijgewerkt.`);
}
