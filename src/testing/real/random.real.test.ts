/**
 * A handful of random accepted combinations (`answersArb` with a fixed seed, normalized, `validateCombination`
 * clean), run against real tools like the presets. The structure of each combination is kept (executor, method,
 * dind connection, proxy mode, mirror place, auth method, cache, buildx, tags, platforms, MTU, overlay2, variable
 * names); what must name a stand-in is replaced: GitLab URL, proxy and mirror URLs, the other registry's host, the
 * image (the project's registry), Dockerfile/context paths and the test command (free text is covered by the
 * injection tests). Windows, macOS, GitLab-hosted runners and `docker compose` (no compose plugin here) are left out.
 */
import fc from 'fast-check';
import { validateCombination } from '../../core/rules';
import { answersArb } from '../arbitraries';
import { realSuite, sandboxed, stubNote, type SuiteCase } from './suite';

const SEED = 1313;
const COUNT = 5;

const cases: SuiteCase[] = [];
for (const raw of fc.sample(answersArb, { seed: SEED, numRuns: 400 })) {
  if (cases.length >= COUNT) break;
  // The default project's Dockerfile is one stage FROM busybox: a random target stage does not exist in it, a random
  // secret name has no project variable, and busybox for linux/arm64 cannot be built natively on this amd64 machine
  // (build inputs and native multi-arch run for real in tags.real.test.ts and multiarch.real.test.ts).
  const a = sandboxed({
    ...raw,
    os: 'linux',
    runnerKind: 'self-managed',
    buildTarget: '',
    buildSecrets: [],
    multiArch: 'qemu',
  });
  if (a.os !== 'linux' || a.runnerKind !== 'self-managed' || a.compose || validateCombination(a).length) continue;
  if (!['shell', 'docker', 'kubernetes'].includes(a.executor)) continue;
  const id = `R${cases.length + 1}`;
  const note = stubNote(a);
  cases.push({
    id,
    answers: a,
    name: `${id} ${a.executor} / ${a.method}${a.method === 'dind' ? ` (${a.dindConnection})` : ''} / auth ${a.authMethod} / cache ${a.cache} / proxy ${a.proxy}${note ? ` (${note})` : ''}`,
    expect: 'pass',
  });
}

realSuite(`real tools: ${COUNT} random combinations (seed ${SEED})`, cases);
