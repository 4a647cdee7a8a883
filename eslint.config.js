import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * One module boundary: files matching `files` (tests excepted) may not import a module whose path matches `regex`
 * (at any folder depth), except for type-only imports.
 */
function wall(files, regex, message) {
  return {
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex, allowTypeImports: true, message }] }],
    },
  };
}

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
              regex: '(^|/)(app|cli)(/|$)',
              message: 'Import direction is core -> app/cli, never back.',
            },
          ],
        },
      ],
    },
  },
  // Module boundaries (README, "How it is built"). Module names are matched at any folder depth.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  wall(
    // The wall: renderers, findings, SETUP.md and the diagram read the plan, never the answers or the rules that
    // derive it (type-only imports of Answers are allowed for the findings' fix patches).
    [
      'src/core/generators/**/*.ts',
      'src/core/render/**/*.ts',
      'src/core/setup/**/*.ts',
      'src/core/diagram/**/*.ts',
      'src/core/findings.ts',
    ],
    '(^|/)(answers|vocabulary|rules|restore|permalink|presets|secrets)$|(^|/)(methods|troubleshoot)(/|$)',
    'Renderers, findings, SETUP.md and the diagram read the plan only (src/core/plan.ts).',
  ),
  wall(
    // A method module knows its builder, not the renderers, the findings or the rules between answers.
    ['src/core/methods/**/*.ts'],
    '(^|/)(rules|findings|generate|restore|permalink|presets)$|(^|/)(generators|render|setup|diagram|troubleshoot)(/|$)',
    'Method modules may use the answers, the vocabulary, the plan types and quoting only.',
  ),
  wall(
    // The troubleshooter reads logs and patches answers; it never reaches into the renderers.
    ['src/core/troubleshoot/**/*.ts'],
    '(^|/)(findings|generate|plan)$|(^|/)(generators|render|setup|diagram|methods)(/|$)',
    'The troubleshooter uses the answers and the rules only.',
  ),
  wall(
    // The app and the CLI reach the core through its entry points, not through its internals.
    ['src/app/**/*.ts', 'src/app/**/*.tsx', 'src/cli/**/*.ts'],
    '(^|/)core/(plan|quote|yaml-doc|images)$|(^|/)core/(generators|render|diagram|methods/(?!index$|options$))',
    'The app and the CLI use the core through generate, restore, rules, answers, vocabulary, i18n and troubleshoot.',
  ),
);
