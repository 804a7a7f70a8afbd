/**
 * Every built page is valid HTML according to the Nu HTML Checker (the W3C validator's
 * engine, run locally from the vnu-jar package on Java). Rule set: the checker's defaults,
 * errors only — warnings (for example about the redundant `role` Pagefind or Astro may add)
 * are advice, not failures. Needs a build and Java (installed by .ci/run when missing).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const vnu = String(createRequire(import.meta.url)('vnu-jar'));

describe('HTML validity', () => {
  it('every page in dist/client passes the Nu HTML Checker', { timeout: 120_000 }, () => {
    let output: string;
    try {
      output = execFileSync('java', ['-jar', vnu, '--errors-only', '--skip-non-html', '--format', 'json', 'dist/client'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // vnu exits 1 when it finds errors and writes its JSON report to stderr.
      output = (error as { stderr?: string }).stderr || (error as { stdout?: string }).stdout || '';
    }
    const { messages } = JSON.parse(output || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] };
    expect(messages.map((m) => `${m.url.replace(/^.*dist\/client/, '')}:${m.lastLine ?? '?'} ${m.message}`)).toEqual([]);
  });
});
