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
  for (const m of source.matchAll(/const (\w+)\s*=\s*\[([\s\S]*?)\]\s*as const/g)) lists[m[1]] = [...m[2].matchAll(/'([^']+)'/g)].map((v) => v[1]);
  return lists;
}

/** Names of the object blocks in a schema file (`const phoneLine = z.strictObject(…)`), to point to. */
function blockNames(source: string): Set<string> {
  return new Set([...source.matchAll(/^(?:export )?const (\w+)\s*=\s*z\b/gm)].map((m) => m[1]));
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

/** A piece of source: a doc comment, a string, a regular expression, a word or one character. */
interface Token {
  kind: 'doc' | 'string' | 'regex' | 'word' | 'punct';
  text: string;
}

// After these a `/` starts a regular expression, not a division.
const BEFORE_REGEX = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '=>', 'return']);

/**
 * The source as tokens, whatever its layout: line breaks and indentation are gone, comments other
 * than `/** … *\/` are dropped, strings and regular expressions are one token each (so a `{` in
 * them is never taken for a bracket).
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const last = () => tokens.at(-1)?.text ?? ';';
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const doc = /^\/\*\*(?!\/)([\s\S]*?)\*\//.exec(rest);
    if (doc) {
      tokens.push({
        kind: 'doc',
        text: doc[1]
          .replace(/^\s*\*\s?/gm, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      });
      i += doc[0].length;
      continue;
    }
    const comment = /^(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (comment) {
      i += comment[0].length;
      continue;
    }
    const quoted = /^('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")/.exec(rest);
    if (quoted) {
      tokens.push({ kind: 'string', text: quoted[0] });
      i += quoted[0].length;
      continue;
    }
    if (rest[0] === '`') {
      const end = templateEnd(source, i);
      tokens.push({ kind: 'string', text: source.slice(i, end) });
      i = end;
      continue;
    }
    const regex = BEFORE_REGEX.has(last()) ? /^\/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+\/[a-z]*/.exec(rest) : null;
    if (regex) {
      tokens.push({ kind: 'regex', text: regex[0] });
      i += regex[0].length;
      continue;
    }
    const word = /^(=>|\.\.\.|[\w$]+)/.exec(rest);
    tokens.push({ kind: word && word[0] !== '=>' && word[0] !== '...' ? 'word' : 'punct', text: word ? word[0] : rest[0] });
    i += word ? word[0].length : 1;
  }
  return tokens;
}

/** Where a template literal that starts at `start` ends, `${ … }` with its own braces included. */
function templateEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== '`') {
    if (source[i] === '\\') i += 2;
    else if (source.startsWith('${', i)) {
      let depth = 1;
      i += 2;
      while (i < source.length && depth > 0) {
        if (source[i] === '{') depth++;
        else if (source[i] === '}') depth--;
        i++;
      }
    } else i++;
  }
  return i + 1;
}

const OPEN = new Set(['(', '{', '[']);
const CLOSE = new Set([')', '}', ']']);

/** Index of the bracket that closes the one at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].kind !== 'punct') continue;
    if (OPEN.has(tokens[i].text)) depth++;
    else if (CLOSE.has(tokens[i].text) && --depth === 0) return i;
  }
  return tokens.length;
}

/** Where the expression that starts at `from` ends: the first `,` `;` or unmatched closing bracket at its own depth. */
function expressionEnd(tokens: Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') continue;
    if (OPEN.has(t.text)) i = closing(tokens, i);
    else if (CLOSE.has(t.text) || t.text === ',' || t.text === ';') return i;
  }
  return tokens.length;
}

/** An expression as compact code: "z.string().regex(/^a$/).optional()". */
const code = (tokens: Token[]) => tokens.map((t) => (t.kind === 'word' && /^(const|as|new|return)$/.test(t.text) ? ` ${t.text} ` : t.text)).join('');

/** The expression without what is inside its brackets: "z.strictObject().default()", so a nested .optional() never counts for its parent. */
function outerCode(tokens: Token[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    out += tokens[i].text;
    if (tokens[i].kind === 'punct' && OPEN.has(tokens[i].text)) {
      i = closing(tokens, i) - 1;
    }
  }
  return out;
}

// Calls whose object argument lists fields: z.strictObject({ … }), z.object({ … }).
const FIELD_OBJECT_CALLS = new Set(['strictObject', 'object', 'looseObject']);

/**
 * Fields of one schema file, in source order: every property of an object passed to
 * `z.strictObject`/`z.object` inside `const <name> = …`, with the `/** … *\/` comment just before
 * it. Nested objects give nested paths (`contact.phone`). The layout of the source does not
 * matter: it is read as tokens, so a formatter may break a field over as many lines as it likes.
 */
export function fieldsOf(source: string): { name: string; description: string; fields: Field[] }[] {
  const tokens = tokenize(source);
  const lists = constantLists(source);
  const names = blockNames(source);
  const blocks: { name: string; description: string; fields: Field[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== 'const' || tokens[i + 2]?.text !== '=' || tokens[i + 3]?.text !== 'z') continue;
    const before = tokens[i - 1]?.text === 'export' ? i - 2 : i - 1;
    const description = tokens[before]?.kind === 'doc' ? tokens[before].text : '';
    const end = expressionEnd(tokens, i + 3);
    const fields: Field[] = [];
    collectFields(tokens, i + 3, end, '', fields, lists, names);
    blocks.push({ name: tokens[i + 1].text, description, fields: mergeSamePaths(fields) });
    i = end;
  }
  return blocks.filter((b) => b.fields.length > 0);
}

/** Fields of every field object between `from` and `to`, their paths under `prefix`. */
function collectFields(tokens: Token[], from: number, to: number, prefix: string, fields: Field[], lists: Record<string, string[]>, names: Set<string>) {
  for (let i = from; i < to; i++) {
    const isFieldObject = tokens[i].text === '{' && tokens[i - 1]?.text === '(' && FIELD_OBJECT_CALLS.has(tokens[i - 2]?.text ?? '');
    if (!isFieldObject) continue;
    const close = closing(tokens, i);
    let at = i + 1;
    while (at < close) {
      const description = tokens[at].kind === 'doc' ? tokens[at++].text : '';
      const key = tokens[at];
      if (!key || at >= close) break;
      const name = key.kind === 'string' ? key.text.slice(1, -1) : key.text;
      const shorthand = tokens[at + 1]?.text !== ':';
      const valueStart = shorthand ? at : at + 2;
      const valueEnd = shorthand ? at + 1 : expressionEnd(tokens, valueStart);
      const value = tokens.slice(valueStart, valueEnd);
      const path = prefix ? `${prefix}.${name}` : name;
      fields.push({ path, required: !/\.(optional|default)\(/.test(outerCode(value)), kind: kindOf(code(value), lists, names), description });
      collectFields(tokens, valueStart, valueEnd, path, fields, lists, names);
      at = tokens[valueEnd]?.text === ',' ? valueEnd + 1 : valueEnd;
    }
    i = close;
  }
}

/** One row per path: the members of a union that share a key (`scope.kind`) are listed once. */
function mergeSamePaths(fields: Field[]): Field[] {
  const byPath = new Map<string, Field>();
  for (const field of fields) {
    const seen = byPath.get(field.path);
    if (!seen) byPath.set(field.path, { ...field });
    else {
      if (!seen.kind.split(' of ').includes(field.kind)) seen.kind = `${seen.kind} of ${field.kind}`;
      seen.required &&= field.required;
      seen.description ||= field.description;
    }
  }
  return [...byPath.values()];
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
