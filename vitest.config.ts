import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['ossproc-source'] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'grammar/test/**/*.test.ts', 'extension/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
