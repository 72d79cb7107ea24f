import tsParser from '@typescript-eslint/parser';
import ossproc from 'eslint-plugin-ossproc';

export default [
  ossproc.configs.recommended,
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];
