import type { ESLint, Linter } from 'eslint';
import { processingString } from './rule';

/**
 * eslint-plugin-ossproc: the ossproc checker as one ESLint rule, for flat config.
 *
 * ```js
 * // eslint.config.js
 * import ossproc from 'eslint-plugin-ossproc';
 * export default [ossproc.configs.recommended];
 * ```
 */

const plugin = {
  meta: { name: 'eslint-plugin-ossproc', version: '0.1.0' },
  rules: { 'processing-string': processingString },
  configs: {} as Record<'recommended', Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: 'ossproc/recommended',
  plugins: { ossproc: plugin },
  rules: { 'ossproc/processing-string': 'error' },
};

export default plugin;
export { processingString };
export { clearConfigCache, CONFIG_FILE } from './config';
