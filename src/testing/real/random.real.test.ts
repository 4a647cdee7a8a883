/**
 * A handful of random accepted combinations (`answersArb` with a fixed seed, normalized, `validateCombination`
 * clean), run against real tools like the presets. The structure of each combination is kept (executor, method,
 * dind connection, proxy mode, mirror place, auth method, cache, buildx, tags, platforms, MTU, overlay2, variable
 * names); what must name a stand-in is replaced: GitLab URL, proxy and mirror URLs, the other registry's host, the
 * image (the project's registry), Dockerfile/context paths and the test command (free text is covered by the
 * injection tests). Windows, macOS, GitLab-hosted runners and `docker compose` (no compose plugin here) are left out.
 */
import fc from 'fast-check';
import type { Answers } from '../../core/answers';
import { normalize, validateCombination } from '../../core/rules';
import { answersArb } from '../arbitraries';
import { realSuite, stubNote, type SuiteCase } from './suite';

const SEED = 1313;
const COUNT = 5;

/** The sampled answers with their network names and free text pointed at the sandbox's stand-ins. */
function sandboxed(a: Answers): Answers {
  return normalize({
    ...a,
    os: 'linux',
    runnerKind: 'self-managed',
    executor: a.executor === 'docker-windows' ? 'docker' : a.executor,
    gitlabUrl: 'https://gitlab.example.com/',
    httpProxy: a.httpProxy ? 'http://proxy.example.com:3128' : '',
    httpsProxy: a.httpsProxy ? 'http://proxy.example.com:3128' : '',
    noProxy: '',
    mirrorUrl: a.mirrorUrl ? 'https://registry-mirror.example.com' : '',
    otherRegistryHost: 'registry.example.com',
    customCaHost: a.customCaHost ? 'registry.gitlab.example.com' : '',
    image: '$CI_REGISTRY_IMAGE',
    dockerfile: 'Dockerfile',
    context: '.',
    testCommand: '/script/to/run/tests',
    compose: false,
    cacheRef: '$CI_REGISTRY_IMAGE:buildcache',
    runnerDescription: 'real-tools runner',
    runnerTags: [],
  });
}

const cases: SuiteCase[] = [];
for (const raw of fc.sample(answersArb, { seed: SEED, numRuns: 400 })) {
  if (cases.length >= COUNT) break;
  const a = sandboxed(raw);
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
