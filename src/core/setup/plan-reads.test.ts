/**
 * SETUP.md reads the plan only: no file of `src/core/setup/` (tests aside) reads the raw answers (`p.a`, `a.x`) or
 * imports a value from the modules that interpret them (`rules.ts`, `vocabulary.ts`, `answers.ts`; type-only imports
 * are fine). A source scan of the files as they are on disk, read through Vite's `import.meta.glob` (src/core imports
 * nothing from Node, tests included).
 */
import { describe, expect, it } from 'vitest';

/** File name (`steps.ts`) -> its source text, for every non-test module of this folder. */
const FILES = new Map(
  Object.entries(
    import.meta.glob<string>(['./*.ts', './*.tsx', '!./*.test.ts', '!./*.test.tsx'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map(([path, text]) => [path.replace(/^\.\//, ''), text]),
);
const SOURCES = [...FILES.keys()].sort();
const source = (name: string): string => FILES.get(name) ?? '';

/** The modules whose values interpret raw answers. */
const ANSWER_MODULES = /(?:^|\/)(?:rules|vocabulary|answers)$/;

/** `import ... from '...'` statements whose imported names are not all types: `[clause, module]`. */
function valueImports(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+([^;]*?)\s*from\s*'([^']+)'/gms)) {
    const clause = (m[1] ?? '').trim();
    if (clause.startsWith('type ')) continue;
    const names = /^\{([^}]*)\}$/.exec(clause)?.[1];
    const allTypes =
      names !== undefined &&
      names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '')
        .every((n) => n.startsWith('type '));
    if (!allTypes) out.push([clause, m[2] ?? '']);
  }
  return out;
}

describe('src/core/setup reads the plan, never the raw answers', () => {
  it('scans the renderers of SETUP.md', () => {
    expect(SOURCES).toContain('steps.ts');
    expect(SOURCES).toContain('markdown.ts');
    expect(SOURCES.some((name) => name.endsWith('.test.ts'))).toBe(false);
  });

  it.each(SOURCES)('%s has no p.a and no .a.', (name) => {
    const lines = source(name).split('\n');
    const hits = lines
      .map((line, i) => `${i + 1}: ${line.trim()}`)
      .filter((_, i) => /\bp\.a\b|\.a\./.test(lines[i] ?? ''));
    expect(hits).toEqual([]);
  });

  it.each(SOURCES)('%s imports no value from rules.ts, vocabulary.ts or answers.ts', (name) => {
    const bad = valueImports(source(name)).filter(([, module]) => ANSWER_MODULES.test(module));
    expect(bad).toEqual([]);
  });

  it('the import scan tells value imports from type-only ones', () => {
    const sample = [
      "import type { Answers } from '../answers';",
      "import { type Method, type Os } from '../answers';",
      "import { isMultiPlatform } from '../rules';",
      "import {\n  usesDockerCli,\n  type Answers,\n} from '../vocabulary';",
    ].join('\n');
    expect(valueImports(sample).map(([, module]) => module)).toEqual(['../rules', '../vocabulary']);
  });
});
