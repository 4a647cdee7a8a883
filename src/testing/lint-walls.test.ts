/**
 * The module walls of eslint.config.js hold: an import across a wall is a lint error, at any folder depth, and a
 * type-only import of the answers (the findings' fix patches) is not. The files are linted as text under the paths
 * they would have; nothing is written.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('lint walls', () => {
  it.each([
    ['src/core/diagram/probe.ts', "import { normalize } from '../rules';\nexport const x = normalize;\n"],
    ['src/core/setup/probe.ts', "import { usesDockerCli } from '../vocabulary';\nexport const x = usesDockerCli;\n"],
    ['src/core/generators/probe.ts', "import { methodModule } from '../methods';\nexport const x = methodModule;\n"],
    ['src/core/findings.ts', "import { DEFAULT_ANSWERS } from './answers';\nexport const x = DEFAULT_ANSWERS;\n"],
    ['src/core/methods/probe.ts', "import { normalize } from '../rules';\nexport const x = normalize;\n"],
    [
      'src/core/methods/probe.ts',
      "import { toYaml } from '../yaml-doc';\nimport { x } from '../render/line-index';\nexport const y = [toYaml, x];\n",
    ],
    ['src/core/troubleshoot/failures/probe.ts', "import { makePlan } from '../../plan';\nexport const x = makePlan;\n"],
    ['src/app/components/probe.tsx', "import { makePlan } from '../../core/plan';\nexport const x = makePlan;\n"],
    ['src/cli/probe.ts', "import { dind } from '../core/methods/dind';\nexport const x = dind;\n"],
  ])('%s may not import across its wall', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/core/findings.ts', "import type { Answers } from './answers';\nexport type X = Answers;\n"],
    ['src/core/diagram/probe.ts', "import type { Plan } from '../plan';\nexport type X = Plan;\n"],
    ['src/core/methods/probe.ts', "import { isHosted } from '../vocabulary';\nexport const x = isHosted;\n"],
    ['src/app/components/probe.tsx', "import { generate } from '../../core/generate';\nexport const x = generate;\n"],
    ['src/app/probe.ts', "import { methodLabels } from '../core/methods/options';\nexport const x = methodLabels;\n"],
  ])('%s may use what its zone allows', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
