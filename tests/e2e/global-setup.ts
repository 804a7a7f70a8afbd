/**
 * Starts the built site on the real server (scripts/serve.mjs) on a free port and hands the
 * address to the tests through E2E_BASE_URL. `npm run test:e2e` builds before Playwright runs.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

export default async function globalSetup() {
  const server = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server start timed out. Output: ${output}`)), 20_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0].replace(/\/$/, ''));
      }
    });
    server.once('exit', (code) => reject(new Error(`Server exited with ${code}. Output: ${output}`)));
  });
  process.env.E2E_BASE_URL = url;
  return async () => {
    server.kill('SIGTERM');
    await once(server, 'exit');
  };
}
