import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `ossproc-source` export condition), so tests
// need no build; tests of the CLI and the server run their built bundles instead.
const conditions = ['ossproc-source', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    // .ci/run asks for a JSON report beside the usual output, to print the summary line CI reads
    ...(process.env.OSSPROC_TEST_REPORT ? { reporters: ['default', 'json'], outputFile: { json: process.env.OSSPROC_TEST_REPORT } } : {}),
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'grammar/test/**/*.test.ts', 'extension/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
