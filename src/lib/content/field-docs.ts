/**
 * The field reference of docs/EDITORS.md, generated from the schemas so it cannot drift: every
 * field of every collection with whether it is required, what kind of value it takes and the
 * one-sentence description its schema file gives it (the comment above the field).
 * `npm run docs:fields` rewrites the part of EDITORS.md between the markers; a unit test fails
 * when that part is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS } from './collections.ts';
import * as IDS from './schemas/ids.ts';

export const BEGIN = '<!-- velden:begin (gegenereerd door npm run docs:fields; niet met de hand aanpassen) -->';
export const END = '<!-- velden:end -->';

/** Which schema file describes each collection (src/lib/content/schemas/<file>.ts). */
const SCHEMA_FILES: Record<keyof typeof COLLECTIONS, string> = {
  bronnen: 'bron',
  organisaties: 'organisatie',
  regios: 'regio',
  gebieden: 'gebied',
  gemeenten: 'gemeente',
  beleid: 'beleid',
  cijfers: 'cijfer',
  paginas: 'pagina',
  signalen: 'signaal',
  kwetsbaarheden: 'kwetsbaarheid',
  sectoren: 'sector',
  meldroutes: 'meldroute',
  interneRoutes: 'interne-route',
  vertalingen: 'vertaling',
  vertaaldePaginas: 'vertaling',
};

/** Shared building blocks, described once in their own section. */
const SHARED_FILES = ['bodies'];

interface Field {
  path: string;
  required: boolean;
  kind: string;
  description: string;
}

/** Lists of allowed values by constant name: from ids.ts and from `const X = [...]` in the schema file. */
function constantLists(source: string): Record<string, string[]> {
  const lists: Record<string, string[]> = { ...(IDS as unknown as Record<string, string[]>) };
  for (const m of source.matchAll(/const (\w+) = \[([\s\S]*?)\] as const/g)) lists[m[1]] = [...m[2].matchAll(/'([^']+)'/g)].map((v) => v[1]);
  return lists;
}

/** Names of the object blocks in a schema file (`const phoneLine = z.strictObject(…)`), to point to. */
function blockNames(source: string): Set<string> {
  return new Set([...source.matchAll(/^(?:export )?const (\w+) = z\b/gm)].map((m) => m[1]));
}

/** What an editor types, read from the validator the field uses. */
function kindOf(value: string, lists: Record<string, string[]>, blocks: Set<string>): string {
  const enumArgs = /^z\.enum\((\[[^\]]*\]|\w+)/.exec(value)?.[1];
  if (enumArgs) {
    const choices = enumArgs.startsWith('[') ? [...enumArgs.matchAll(/'([^']+)'/g)].map((m) => m[1]) : lists[enumArgs];
    return choices ? `één van: ${choices.join(', ')}` : 'een vaste keuze';
  }
  const inner = /^z\.array\((.*)$/.exec(value)?.[1];
  if (inner) {
    const of = kindOf(inner, lists, blocks);
    return of === 'velden hieronder' ? 'lijst (velden hieronder)' : `lijst van: ${of}`;
  }
  if (/^isoDate/.test(value)) return 'datum (JJJJ-MM-DD)';
  if (/^idField/.test(value)) return 'id';
  if (/^phoneNumber/.test(value)) return 'telefoonnummer';
  if (/^httpsUrl/.test(value)) return 'webadres (https://)';
  if (/^functionalEmail/.test(value)) return 'e-mailadres (geen persoonlijk)';
  if (/^province/.test(value)) return 'provincie';
  if (/^sources\b/.test(value)) return 'lijst van bronnen (bron, section)';
  if (/^sourceRef/.test(value)) return 'bron (bron, section)';
  if (/^regionalBodies\.keyof/.test(value)) return 'een rol (zie bodies)';
  if (/^regionalBodies/.test(value)) return 'organisaties per rol (zie bodies)';
  if (/^z\.boolean/.test(value)) return 'true of false';
  if (/^z\.number/.test(value)) return 'getal';
  if (/^z\.literal\('([^']+)'\)/.test(value)) return `precies ${/'([^']+)'/.exec(value)![1]}`;
  if (/^z\.record\(/.test(value)) return 'per id (velden hieronder)';
  if (/^z\s*$|^z\.(strictObject|object)|^z\.discriminatedUnion|^z\.union/.test(value)) return 'velden hieronder';
  if (/^z\.string|^translatedText/.test(value)) return 'tekst';
  const name = /^(\w+)/.exec(value)?.[1];
  if (name && blocks.has(name)) return `velden van \`${name}\``;
  return value.replace(/[,(.].*$/, '');
}

// Option keys of refinements and record keys, not fields.
const NOT_FIELDS = new Set(['error', 'path', 'message', 'code', 'abort', 'protocol', 'idField']);

/**
 * Fields of one schema file, in source order: a line `key: <validator>` (or `key,`) inside an
 * object, with the `/** … *\/` comment just above it. Nesting follows the indentation.
 */
export function fieldsOf(source: string): { name: string; description: string; fields: Field[] }[] {
  const blocks: { name: string; description: string; fields: Field[] }[] = [];
  const lines = source.split('\n');
  const lists = constantLists(source);
  const names = blockNames(source);
  let comment = '';
  let stack: { indent: number; key: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const open = /^\s*\/\*\*(.*)$/.exec(line);
    if (open) {
      let text = open[1];
      while (!text.includes('*/') && i + 1 < lines.length) {
        const next = lines[++i];
        text += ` ${next.includes('*/') ? next.replace(/^\s*\*\//, '*/') : next.replace(/^\s*\*\s?/, '')}`;
      }
      comment = text.replace(/\*\/.*$/, '').replace(/\s+/g, ' ').trim();
      continue;
    }
    const block = /^(?:export )?const (\w+) = (?:z|$)/.exec(line);
    if (block) {
      blocks.push({ name: block[1], description: comment, fields: [] });
      stack = [];
      comment = '';
      continue;
    }
    const field = /^(\s*)(\w+)(?::\s*(.*)|,)$/.exec(line);
    if (field && blocks.length && !NOT_FIELDS.has(field[2])) {
      const [, spaces, key, rawValue] = field;
      const value = (rawValue ?? key).trim();
      if (!/^(z\b|[a-z][A-Za-z]*\b)/.test(value) || /^(true|false|\d)/.test(value)) {
        comment = '';
        continue;
      }
      const indent = spaces.length;
      stack = stack.filter((s) => s.indent < indent);
      const path = [...stack.map((s) => s.key), key].join('.');
      stack.push({ indent, key });
      const required = !/\.(optional|default)\b/.test(topLevelText(lines, i, line.indexOf(key) + key.length));
      blocks.at(-1)!.fields.push({ path, required, kind: kindOf(value, lists, names), description: comment });
      comment = '';
      continue;
    }
    if (line.trim() && !line.trim().startsWith('//')) comment = '';
  }
  return blocks.filter((b) => b.fields.length > 0);
}

/**
 * The text of a field's expression outside its brackets, from after the key to the comma that
 * ends it: `contact: z.strictObject({ … }).default({})` gives "z.strictObject.default", so a
 * nested field's .optional() never counts for its parent.
 */
function topLevelText(lines: string[], start: number, column: number): string {
  let depth = 0;
  let text = '';
  for (let i = start; i < lines.length; i++) {
    const line = (i === start ? lines[i].slice(column) : lines[i]).replace(/'(?:\\.|[^'])*'|`[^`]*`|"(?:\\.|[^"])*"/g, "''");
    for (const ch of line) {
      if ('({['.includes(ch)) depth++;
      else if (')}]'.includes(ch)) {
        depth--;
        if (depth < 0) return text;
      } else if (depth === 0) {
        if (ch === ',') return text;
        text += ch;
      }
    }
  }
  return text;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function table(block: { name: string; description: string; fields: Field[] }): string[] {
  return [
    `**\`${block.name}\`**${block.description ? `: ${block.description}` : ''}`,
    '',
    '| veld | verplicht | soort | wat het is |',
    '| --- | --- | --- | --- |',
    ...block.fields.map((f) => `| \`${f.path}\` | ${f.required ? 'ja' : 'nee'} | ${cell(f.kind)} | ${cell(f.description)} |`),
    '',
  ];
}

/** The generated Markdown, markers included. */
export function fieldReference(projectDir = process.cwd()): string {
  const read = (file: string) => readFileSync(join(projectDir, 'src/lib/content/schemas', `${file}.ts`), 'utf8');
  const byFile = new Map<string, string[]>();
  for (const [collection, file] of Object.entries(SCHEMA_FILES)) {
    const spec = COLLECTIONS[collection as keyof typeof COLLECTIONS];
    const folder = `content/${spec.folder}/${'nested' in spec ? '<taal>/' : ''}*.${spec.extension}`;
    byFile.set(file, [...(byFile.get(file) ?? []), `\`${folder}\``]);
  }
  const out = [BEGIN, ''];
  for (const [file, folders] of byFile) {
    out.push(`### ${folders.join(', ')}`, '', `Schema: \`src/lib/content/schemas/${file}.ts\`.`, '');
    for (const block of fieldsOf(read(file))) out.push(...table(block));
  }
  for (const file of SHARED_FILES) {
    out.push(`### Gedeeld: ${file}`, '', `Schema: \`src/lib/content/schemas/${file}.ts\`.`, '');
    for (const block of fieldsOf(read(file))) out.push(...table(block));
  }
  out.push(END);
  return out.join('\n');
}

/** EDITORS.md with its generated part replaced by the current one. */
export function withFieldReference(markdown: string, reference: string): string {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`docs/EDITORS.md mist de markeringen ${BEGIN} … ${END}. Zet ze terug waar de veldenlijst hoort.`);
  return `${markdown.slice(0, start)}${reference}${markdown.slice(end + END.length)}`;
}
