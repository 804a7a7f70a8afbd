/**
 * The site addresses the reader as "u" (issue 22: /signalen/ mixed "je" and "u"). The Dutch text
 * written in code (pages, views, components, layout) and the Dutch interface strings never use
 * "je", "jij" or "jouw".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_STRINGS } from '../../src/i18n/index';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.astro') ? [join(dir, e.name)] : []));
const INFORMAL = /(?<![\p{L}'])(je|jij|jouw|jou)(?![\p{L}'])/iu;

describe('Dutch text says "u"', () => {
  it('in pages, views, components and the layout', () => {
    const found = ['src/pages', 'src/views', 'src/components', 'src/layouts'].flatMap(files).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.replace(/\/\/.*|\/\*.*?\*\/|^\s*\*.*/g, ''), at: `${file}:${i + 1}` }))
        .filter(({ line }) => INFORMAL.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('in the Dutch interface strings', () => {
    const found = Object.entries(UI_STRINGS.nl)
      .filter(([, message]) => INFORMAL.test(JSON.stringify(message)))
      .map(([key]) => key);
    expect(found).toEqual([]);
  });
});
