/** npm run bench — every benchmark in turn; figures go into docs/BENCHMARKS.md. Needs a build. */
import { execFileSync } from 'node:child_process';

for (const script of ['weight', 'report', 'lighthouse', 'scale']) {
  console.log(`\n## ${script}\n`);
  execFileSync(process.execPath, [`scripts/bench/${script}.ts`], { stdio: 'inherit' });
}
