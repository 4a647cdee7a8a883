import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'out', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The core is pure: no React, DOM, Monaco or Node imports, so the browser, the CLI and the tests share it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'react-dom/*',
                '@tanstack/*',
                'zustand',
                'monaco-editor',
                'monaco-editor/*',
              ],
              message: 'src/core must stay UI-free.',
            },
            { group: ['node:*', 'fs', 'path'], message: 'src/core must run in the browser too.' },
            {
              group: ['../app/*', '../cli/*', '../../app/*', '../../cli/*'],
              message: 'Import direction is core -> app/cli, never back.',
            },
          ],
        },
      ],
    },
  },
);
