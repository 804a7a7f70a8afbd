/**
 * What the README says about the project's parts matches the project (issue 22: it said the site
 * used no NL Design System components while it used 24).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };

describe('README', () => {
  it('names the number of NL Design System packages the site depends on, and never says it uses none', () => {
    const packages = Object.keys(pkg.dependencies).filter((name) => name.startsWith('@utrecht/'));
    expect(packages.length).toBeGreaterThan(0);
    expect(readme).toContain(`uses ${packages.length} NL Design System component packages`);
    expect(readme).not.toMatch(/no NL Design System components/i);
  });
});
