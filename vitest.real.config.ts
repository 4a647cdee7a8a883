/**
 * Vitest configuration of the real-tool tests (`npm run test:real`): `src/**\/*.real.test.ts`, which start real
 * daemons in throwaway namespaces (src/testing/real/). Separate from the unit tests, which never need root.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.real.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // Each file has its own sandbox (own network namespace); two at a time on a 2-core machine.
    maxWorkers: 2,
  },
});
