/** npm run bench — every benchmark in turn; figures go into docs/BENCHMARKS.md. Needs both builds (npm run bench makes them). */
import { spawnSync } from 'node:child_process';

// weight exits 1 when a page is over budget, static when our server misses its goal against
// nginx (it skips without nginx): every benchmark still runs, and the run exits 1 at the end.
const failed: string[] = [];
for (const script of ['weight', 'report', 'lighthouse', 'scale', 'serverless', 'desk-inbox', 'static']) {
  console.log(`\n## ${script}\n`);
  if (spawnSync(process.execPath, [`scripts/bench/${script}.ts`], { stdio: 'inherit' }).status !== 0) failed.push(script);
}
if (failed.length) {
  console.error(`\nNiet gehaald of mislukt: ${failed.join(', ')}`);
  process.exitCode = 1;
}
