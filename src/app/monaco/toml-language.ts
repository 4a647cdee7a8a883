/** A small Monarch grammar for TOML (Monaco has none): tables, keys, strings, numbers, booleans, comments. */
import type * as Monaco from 'monaco-editor/editor';

export function registerToml(monaco: typeof Monaco): void {
  monaco.languages.register({ id: 'toml', extensions: ['.toml'] });
  monaco.languages.setLanguageConfiguration('toml', {
    comments: { lineComment: '#' },
    brackets: [
      ['[', ']'],
      ['{', '}'],
    ],
  });
  monaco.languages.setMonarchTokensProvider('toml', {
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/^\s*\[\[?[^\]]*\]\]?/, 'type'],
        [/[A-Za-z0-9_.-]+(?=\s*=)/, 'key'],
        [/"(?=[^"])/, { token: 'string', next: '@basic' }],
        [/""/, 'string'],
        [/'[^']*'/, 'string'],
        [/\b(?:true|false)\b/, 'keyword'],
        [/[+-]?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
        [/[[\]{},=]/, 'delimiter'],
      ],
      basic: [
        [/[^"\\]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, { token: 'string', next: '@pop' }],
      ],
    },
  });
}
