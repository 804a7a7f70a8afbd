/**
 * Component tests: .astro files need Astro's Vite plugin to be imported, which getViteConfig
 * adds from astro.config.mjs. Rendering happens with the Container API in each test file.
 */
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';
import { maxWorkers } from '../../vitest.config.ts';

export default getViteConfig({
  test: {
    name: 'components',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/components/**/*.test.ts'],
    // One container per file and no shared state: files may share a worker (see ../../vitest.config.ts).
    isolate: false,
    maxWorkers,
  },
});
