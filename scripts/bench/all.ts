/** npm run bench — every benchmark in turn; figures go into docs/BENCHMARKS.md. Needs both builds (npm run bench makes them). */
import { execFileSync } from 'node:child_process';

for (const script of ['weight', 'report', 'lighthouse', 'scale', 'serverless']) {
  console.log(`\n## ${script}\n`);
  execFileSync(process.execPath, [`scripts/bench/${script}.ts`], { stdio: 'inherit' });
}
