/**
 * The desk is a separate app on its own origin: nothing of the public site (its sources, content
 * and public files) imports from src/desk or links to the desk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the public site and the desk', () => {
  it('share no import from the site into src/desk, and the site names no desk address', () => {
    const site = ['src', 'content', 'public', 'astro.config.mjs']
      .flatMap((p) => (statSync(join(root, p)).isDirectory() ? files(join(root, p)) : [join(root, p)]))
      .filter((path) => !path.startsWith(join(root, 'src/desk/')));
    expect(site.length).toBeGreaterThan(100);
    const offending = site.filter((path) => {
      const text = readFileSync(path, 'utf8');
      return /from\s+['"][^'"]*\/desk\/|import\(['"][^'"]*\/desk\/|\/api\/ontvang\/|DESK_URL|:4330\b/.test(text);
    });
    expect(offending.map((p) => relative(root, p))).toEqual([]);
  });
});
