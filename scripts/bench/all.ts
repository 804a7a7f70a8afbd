/** npm run bench — every benchmark in turn; figures go into docs/BENCHMARKS.md. Needs both builds (npm run bench makes them). */
import { execFileSync } from 'node:child_process';

// static last: it exits 1 when our server misses its goal against nginx (and skips without nginx).
for (const script of ['weight', 'report', 'lighthouse', 'scale', 'serverless', 'desk-inbox', 'static']) {
  console.log(`\n## ${script}\n`);
  execFileSync(process.execPath, [`scripts/bench/${script}.ts`], { stdio: 'inherit' });
}
