/**
 * The Nu HTML Checker (the W3C validator's engine, from the vnu-jar package, on Java), one way of
 * running it for every suite: errors only (warnings are advice), non-HTML files skipped, and a
 * missing Java or a checker that gave no report fails loudly instead of passing as "no errors".
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const VNU = String(createRequire(import.meta.url)('vnu-jar'));

export interface CheckerMessage {
  url: string;
  message: string;
  lastLine?: number;
}

/** The checker's error messages for folders of pages and/or single files. */
export function htmlCheckerErrors(...targets: string[]): CheckerMessage[] {
  // Only the quick compiler (C1): a run of a few seconds is too short for the optimising one to
  // pay off, and this halves the checker's CPU time (a larger stack, as C1's frames are larger).
  const run = spawnSync('java', ['-Xss4m', '-XX:TieredStopAtLevel=1', '-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', ...targets], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  // vnu writes its JSON report to stderr, with or without errors (it exits 1 when it found any).
  const json = run.stderr.slice(run.stderr.indexOf('{"'));
  if ((run.status !== 0 && run.status !== 1) || !json.startsWith('{"')) throw new Error(`De Nu HTML Checker gaf geen rapport (${run.status}): ${run.stderr}`);
  return (JSON.parse(json) as { messages: CheckerMessage[] }).messages;
}
