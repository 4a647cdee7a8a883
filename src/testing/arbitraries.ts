/**
 * fast-check arbitraries of answers objects. Every field is covered: enumerations from the constants of
 * answers.ts, booleans, and typed strings that are valid for the answers schema but adversarial for the files they
 * reach (quotes, `$`, `#`, backticks, `;`, `&&`, `|`, unicode such as U+2019, spaces, YAML 1.1 look-alikes such as
 * `yes` or `1:20`, strings starting with `-`).
 *
 * The answers produced pass `parseAnswers` (field syntax); they are NOT normalized: tests pass them through
 * `normalize()` (or `generate()`, which normalizes) to get a valid combination.
 */
import fc from 'fast-check';
import { SHA_TAGS, TAG_SCHEMES } from '../core/tags';
import {
  AUTH_METHODS,
  GATE_POLICIES,
  LINT_THRESHOLDS,
  SCAN_SEVERITIES,
  SCANNERS,
  CACHE_EXPORT_MODES,
  CACHE_MODES,
  EXECUTORS,
  HOST_PORT,
  IMAGE_REF,
  K8S_NAME,
  METHODS,
  DIND_CONNECTIONS,
  MIRROR_PLACES,
  NO_PROXY_LIST,
  ONE_LINE,
  OSES,
  OTHER_BRANCHES,
  OVERLAY2_PLACES,
  DIND_IPTABLES_BACKENDS,
  PLATFORMS,
  MULTI_ARCH_MODES,
  PROXY_MODES,
  REGISTRATIONS,
  REL_PATH,
  RUNNER_KINDS,
  RUNNER_TAG,
  VAR_NAME,
  WINDOWS_VERSIONS,
  CLOUDS,
  CLOUD_NAME,
  CLOUD_REGION,
  LINUX_USER,
  K8S_NODE_ARCHES,
  K8S_POD_SECURITY_LEVELS,
  PROVENANCE_MODES,
  SIGN_MODES,
  hasTagOrDigest,
  isHttpUrl,
  parseAnswers,
  type Answers,
} from '../core/answers';
import { secretKind } from '../core/secrets';

const noSecret = (s: string): boolean => secretKind(s) === null;

/** Fragments that break naive quoting in one target or another. All are printable (no control characters). */
export const NASTY_FRAGMENTS = [
  "'",
  '"',
  '`',
  '$',
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  '$$',
  ';',
  '; rm -rf /',
  '&&',
  '||',
  '|',
  '&',
  '#',
  ' #',
  '\\',
  '\\n',
  '\u2019',
  '\u2018',
  '\u201c',
  '\u201d',
  ' ',
  '  ',
  '*',
  '?',
  '[a]',
  '~',
  '!',
  '%',
  '^',
  '<',
  '>',
  '(',
  ')',
  '{',
  '}',
  '{{x}}',
  '-',
  '--',
  '--docker-privileged',
  '=',
  ':',
  ': ',
  '- ',
  ',',
  '@',
  '.',
  '..',
  'é',
  '日本語',
  '😀',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud83d',
  'yes',
  'on',
  'null',
  '1:20',
  '0x1F',
  '2001-12-14',
  ':sym',
  '&a',
  '*a',
  '!tag',
  '%TAG',
  '---',
  '...',
  'true',
  '1,000',
  '"""',
  "'''",
  '\\"',
  "\\'",
  '$env:PATH',
  '@(1)',
  '$(Get-Item .)',
] as const;

const fragment = fc.constantFrom(...NASTY_FRAGMENTS);
const word = fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/);

/** Up to `max` pieces of nasty fragments, words and random unicode, joined. */
const pieces = (max: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fragment },
        { weight: 3, arbitrary: word },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      ),
      {
        maxLength: max,
      },
    )
    .map((p) => p.join(''));

/** One line of text: anything printable, including everything shells, YAML and TOML treat specially. */
export const oneLineText = (maxPieces = 8): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 6, arbitrary: pieces(maxPieces) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          'docker-build-runner',
          'yes',
          'it\u2019s "fine"',
          'a\'b"c`d$e;f&&g|h#i',
          '$(touch /tmp/pwned)',
          '-n',
          '--help',
        ),
      },
    )
    .filter((s) => s.length <= 1000 && ONE_LINE.test(s) && noSecret(s));

const pathSegment = fc
  .oneof(
    { weight: 4, arbitrary: pieces(3) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'Dockerfile',
        'src',
        'app',
        'my dir',
        "it's",
        '$(id)',
        '-',
        '--no-cache',
        '.',
        'a b',
        'd\u00e9j\u00e0',
        '#x',
        ';',
        '`x`',
        'yes',
        '1:20',
      ),
    },
  )
  .filter((s) => s !== '' && !s.includes('/') && s !== '..');

/** A relative path inside the repository (REL_PATH), never ending in `/`. */
export const relPath: fc.Arbitrary<string> = fc
  .array(pathSegment, { minLength: 1, maxLength: 4 })
  .map((segs) => segs.join('/'))
  .filter((s) => s.length <= 255 && REL_PATH.test(s) && noSecret(s));

export const dockerfilePath: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Dockerfile',
      'docker/Dockerfile.prod',
      './Dockerfile',
      'my dir/Docker file',
      "it's/Dockerfile",
      '$(id)/Dockerfile',
      '-',
      '-/Dockerfile',
      'Dockerfile;rm',
    ),
  },
  { weight: 4, arbitrary: relPath },
);
export const contextPath: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('.', 'app', 'my app', './src', '-', '--no-cache', "it's", '`id`') },
  { weight: 3, arbitrary: relPath },
);
export const composePath: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('docker-compose.test.yml', 'compose/test.yml', 'my compose.yml', '-') },
  { weight: 3, arbitrary: relPath },
);

export const runnerTag: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'docker-build',
        'docker',
        'linux',
        'yes',
        'on',
        'no',
        'true',
        'null',
        '~',
        '1:20',
        '2001-12-14',
        '0x1F',
        ':sym',
        "it's",
        'a"b',
        '`id`',
        'a;b',
        'a b',
        '-x',
        '#x',
        '*',
        '&x',
        '!x',
        'é',
        '日本語',
        '\u2019',
        '1,0',
        '1.5',
        '010',
      ),
    },
    { weight: 3, arbitrary: pieces(4) },
  )
  .filter((s) => s.length <= 254 && RUNNER_TAG.test(s) && noSecret(s));

export const noProxyList: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.constantFrom(
        '.example.com',
        'internal.corp',
        '10.0.0.0/8',
        '*.corp',
        'localhost:8080',
        'a_b',
        'registry.example.com',
        '192.168.1.1',
        'docker',
        '-x',
        '1:20',
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    .map((l) => l.join(','))
    .filter((s) => NO_PROXY_LIST.test(s)),
);

/** An image reference prefix of the company's registry or mirror (`IMAGE_PREFIX`): a host, then lowercase path components. */
export const imagePrefix: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('registry.example.com', 'gitlab.example.com:5050', 'harbor.example.com', 'localhost:5000'),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,8}(?:[._-][a-z0-9]{1,8})?$/), { minLength: 0, maxLength: 3 }),
  )
  .map(([host, path]) => [host, ...path].join('/'));

export const hostPort: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'registry.example.com',
      'registry.example.com:5050',
      'localhost:5000',
      'REGISTRY.Example.com',
      'r',
      '10.0.0.1:443',
      'a-b.c-d.example',
    ),
    fc
      .domain()
      .chain((d) =>
        fc
          .option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })
          .map((p) => (p === undefined ? d : `${d}:${p}`)),
      ),
  )
  .filter((s) => HOST_PORT.test(s) && noSecret(s));

const imagePieces = fc.constantFrom(
  '$CI_REGISTRY_IMAGE',
  '${CI_REGISTRY_IMAGE}',
  '$CI_REGISTRY_IMAGE/app',
  '$CI_REGISTRY/group/project',
  'registry.example.com:5050/group/app',
  'registry.example.com/app',
  'docker.io/library/app',
  'index.docker.io/user/app',
  'user/app',
  'app',
  'localhost:5000/app',
  '$OTHER_IMAGE/x',
  'REGISTRY.example.com/x',
  'my.registry/a/b/c@sha',
  '1:20',
);
export const imageRef: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 5, arbitrary: imagePieces },
    { weight: 1, arbitrary: fc.stringMatching(IMAGE_REF).filter((s) => s.length <= 60) },
  )
  .filter((s) => s.length <= 1000 && IMAGE_REF.test(s) && noSecret(s));

export const cacheRef: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      '$CI_REGISTRY_IMAGE/cache:buildcache',
      '$CI_REGISTRY_IMAGE/cache',
      '${CI_REGISTRY_IMAGE}/cache:$CI_COMMIT_REF_SLUG',
      'registry.example.com/cache:x',
      'user/cache',
    ),
    imageRef,
  )
  .filter((s) => IMAGE_REF.test(s) && noSecret(s));

export const varName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('DOCKER_HUB_USER', 'REGISTRY_PASSWORD', 'X', '_', 'a1', 'CI_REGISTRY_PASSWORD'),
  fc.stringMatching(VAR_NAME).filter((s) => s.length <= 40),
);

/** http(s) URLs (no credentials), including characters that shells and YAML treat specially. */
const url = (kind: 'gitlab' | 'proxy' | 'mirror'): fc.Arbitrary<string> => {
  const hosts =
    kind === 'gitlab'
      ? ['gitlab.com', 'gitlab.example.com', 'gitlab.example.com:8443', '10.0.0.5', 'git.例え.jp']
      : kind === 'proxy'
        ? ['proxy.example.com:3128', 'proxy', '10.0.0.1:8080', 'user@proxy.corp:3128']
        : ['mirror.example.com', 'mirror.local:5000', 'nexus.corp:8443', '10.1.2.3'];
  const paths =
    kind === 'mirror'
      ? ['', '/', '/repository/docker-proxy', '/a$b', "/it's", '/a;b', '/?q=1', '/#frag', '?']
      : ['', '/', '/sub/path/', '/$(id)', '/a;b&c', "/it's", '/%20x', '/~user', '/a$b', '/a#frag', '/?q=1', '/é'];
  return fc
    .tuple(fc.constantFrom('https://', 'http://'), fc.constantFrom(...hosts), fc.constantFrom(...paths))
    .map(([s, h, p]) => `${s}${h}${p}`)
    .filter((s) => isHttpUrl(s) && noSecret(s));
};
export const gitlabUrl = url('gitlab');
export const proxyUrl = url('proxy');
export const mirrorUrl = url('mirror');

const versionArb = fc.oneof(
  fc.constantFrom('29.7.2', '29', '28.5', '27.5.1'),
  fc.stringMatching(/^\d{1,3}(?:\.\d{1,3}){0,2}$/),
);
const tagVersionArb = (samples: string[]) =>
  fc.oneof(fc.constantFrom(...samples), fc.stringMatching(/^v?\d{1,3}(?:\.\d{1,3}){0,2}$/));

const answersRecord = fc.record({
  gitlabUrl: fc.oneof(
    { weight: 3, arbitrary: fc.constant('https://gitlab.com/') },
    { weight: 2, arbitrary: gitlabUrl },
  ),
  runnerKind: fc.oneof(
    { weight: 3, arbitrary: fc.constant(RUNNER_KINDS[0]) },
    { weight: 1, arbitrary: fc.constantFrom(...RUNNER_KINDS) },
  ),
  os: fc.oneof(
    { weight: 3, arbitrary: fc.constant('linux' as const) },
    { weight: 2, arbitrary: fc.constantFrom(...OSES) },
  ),
  executor: fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('docker' as const, 'kubernetes' as const) },
    { weight: 2, arbitrary: fc.constantFrom(...EXECUTORS) },
  ),
  k8sNamespace: fc.oneof(
    fc.constant('gitlab-runner'),
    fc.stringMatching(K8S_NAME).filter((s) => s.length <= 63),
  ),
  helm: fc.boolean(),
  windowsVersion: fc.constantFrom(...WINDOWS_VERSIONS),
  windowsHelperImage: fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc.constant(
        'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}-servercore21H2',
      ),
    },
    { weight: 1, arbitrary: imageRef },
  ),
  eksDockerdRename: fc.boolean(),
  cloud: fc.constantFrom(...CLOUDS),
  instanceGroup: fc.oneof(fc.constant('gitlab-runner-instances'), fc.stringMatching(CLOUD_NAME)),
  cloudRegion: fc.oneof(
    fc.constantFrom('us-east-1', 'europe-west4-b', 'westeurope'),
    fc.stringMatching(CLOUD_REGION).filter((s) => s.length <= 63),
  ),
  cloudProject: fc.oneof(fc.constant('gitlab-runners'), fc.stringMatching(CLOUD_NAME)),
  cloudResourceGroup: fc.oneof(fc.constant('gitlab-runners'), fc.stringMatching(CLOUD_NAME)),
  connectorUser: fc.oneof(fc.constantFrom('ubuntu', 'ec2-user', 'core'), fc.stringMatching(LINUX_USER)),
  maxInstances: fc.integer({ min: 1, max: 1000 }),
  capacityPerInstance: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100 })),
  maxUseCount: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 100000 })),
  idleCount: fc.integer({ min: 0, max: 1000 }),
  idleMinutes: fc.integer({ min: 1, max: 1440 }),
  k8sPodSecurity: fc.constantFrom(...K8S_POD_SECURITY_LEVELS),
  k8sNodeArch: fc.constantFrom(...K8S_NODE_ARCHES),
  buildMemory: fc.constantFrom('', '512Mi', '4Gi', '16Gi'),
  runnerDescription: oneLineText(),
  runnerTags: fc.array(runnerTag, { maxLength: 4 }),
  registration: fc.constantFrom(...REGISTRATIONS),
  allowPrivileged: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  method: fc.oneof(
    { weight: 1, arbitrary: fc.constant('dind' as const) },
    { weight: 2, arbitrary: fc.constantFrom(...METHODS) },
  ),
  fromKaniko: fc.boolean(),
  buildx: fc.boolean(),
  dockerVersion: versionArb,
  buildkitVersion: tagVersionArb(['v0.31.2', 'v0.31', '0.30.1']),
  buildahVersion: tagVersionArb(['v1.43', 'v1.43.1', '1.42']),
  podmanVersion: tagVersionArb(['v5.6', 'v5.6.1', '5']),
  dockerfile: dockerfilePath,
  context: contextPath,
  image: imageRef.filter((s) => !hasTagOrDigest(s)),
  push: fc.boolean(),
  tagSha: fc.boolean(),
  tagLatest: fc.boolean(),
  tagGitTag: fc.boolean(),
  otherBranches: fc.constantFrom(...OTHER_BRANCHES),
  // Native multi-arch needs amd64 and arm64 only: weighted so that such platform sets come up often.
  platforms: fc.oneof(
    { weight: 3, arbitrary: fc.subarray([...PLATFORMS]) },
    { weight: 1, arbitrary: fc.constant(null).map((): string[] => ['linux/amd64', 'linux/arm64']) },
  ),
  multiArch: fc.constantFrom(...MULTI_ARCH_MODES),
  archTagAmd64: fc.oneof(fc.constant('amd64'), runnerTag),
  archTagArm64: fc.oneof(fc.constant('arm64'), runnerTag),
  tagScheme: fc.constantFrom(...TAG_SCHEMES),
  tagPrefix: fc.constantFrom('v', '', 'release-', 'app/v'),
  tagShaForm: fc.constantFrom(...SHA_TAGS),
  tagSemverLatest: fc.boolean(),
  tagTemplate: fc.constantFrom(
    '$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID',
    '${CI_COMMIT_SHORT_SHA} build-$CI_JOB_ID',
    '$CI_COMMIT_REF_NAME',
    'stable',
  ),
  ociLabels: fc.boolean(),
  buildArgs: fc.array(
    fc.tuple(fc.constantFrom('APP_VERSION', 'NODE_ENV', 'BASE', '_X1'), oneLineText(4)).map(([n, v]) => `${n}=${v}`),
    { maxLength: 3 },
  ),
  buildSecrets: fc.array(varName, { maxLength: 2 }),
  buildTarget: fc.constantFrom('', 'runtime', 'build-stage.2'),
  compose: fc.boolean(),
  composeFile: composePath,
  runTests: fc.boolean(),
  testCommand: oneLineText(),
  dindConnection: fc.constantFrom(...DIND_CONNECTIONS),
  customCaVar: fc.oneof(fc.constant(''), varName),
  customCaHost: fc.oneof(fc.constant(''), hostPort),
  plainHttpRegistry: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: hostPort }),
  proxy: fc.constantFrom(...PROXY_MODES),
  httpProxy: fc.oneof(fc.constant(''), proxyUrl),
  httpsProxy: fc.oneof(fc.constant(''), proxyUrl),
  noProxy: noProxyList,
  mirrorUrl: fc.oneof(fc.constant(''), mirrorUrl),
  mirrorPlace: fc.constantFrom(...MIRROR_PLACES),
  toolImagePrefix: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: imagePrefix }),
  mtu: fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 9000 })),
  cache: fc.constantFrom(...CACHE_MODES),
  cacheMode: fc.constantFrom(...CACHE_EXPORT_MODES),
  cacheRef,
  cachePerRef: fc.boolean(),
  cacheProtectedWrite: fc.boolean(),
  overlay2: fc.constantFrom(...OVERLAY2_PLACES),
  dindIptables: fc.constantFrom(...DIND_IPTABLES_BACKENDS),
  authMethod: fc.constantFrom(...AUTH_METHODS),
  passwordStdin: fc.boolean(),
  registryGitlab: fc.boolean(),
  registryDockerHub: fc.boolean(),
  dockerHubUserVar: varName,
  dockerHubPasswordVar: varName,
  registryOther: fc.boolean(),
  otherRegistryHost: hostPort,
  otherUserVar: varName,
  otherPasswordVar: varName,
  dependencyProxy: fc.boolean(),
  authConfigVar: varName,
  protectedOnly: fc.boolean(),
  // Rarely on: a component renders the pipeline once more per candidate input (src/core/component.test.ts turns it on).
  component: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  componentName: fc.oneof(
    fc.constantFrom('build-image', 'docker', 'image_2'),
    fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
  ),
  componentProject: fc.constantFrom('my-group/ci-components', 'org/sub.group/build_tools', 'a/b'),
  lint: fc.boolean(),
  lintThreshold: fc.constantFrom(...LINT_THRESHOLDS),
  scan: fc.constantFrom(...SCANNERS),
  scanSeverity: fc.constantFrom(...SCAN_SEVERITIES),
  gatePolicy: fc.constantFrom(...GATE_POLICIES),
  // The push credentials' names too, so that a scan reusing them (finding scan-pull-is-push-credential) is met.
  scanUserVar: fc.oneof(fc.constant('SCAN_REGISTRY_USER'), fc.constant('REGISTRY_USER'), varName),
  scanPasswordVar: fc.oneof(
    fc.constant('SCAN_REGISTRY_PASSWORD'),
    fc.constantFrom('REGISTRY_PASSWORD', 'DOCKER_HUB_PASSWORD'),
    varName,
  ),
});

/**
 * The supply-chain answers (issue 14, items 3 and 6), drawn after the others so that the earlier fields of a seeded
 * sample stay what they were (the real-tool random combinations keep their seed's setups).
 */
const supplyRecord = fc.record({
  sbom: fc.boolean(),
  provenance: fc.constantFrom(...PROVENANCE_MODES),
  sign: fc.constantFrom(...SIGN_MODES),
  cosignKeyVar: varName,
  cosignPasswordVar: varName,
  promoteTargets: fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.oneof(
          fc.constantFrom(
            'docker.io/acme/app',
            '$CI_REGISTRY_IMAGE/release',
            'acme/app',
            'registry.example.com/team/app',
          ),
          imageRef.filter((s) => !hasTagOrDigest(s)),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    },
  ),
});

const answersWithSupply = fc
  .tuple(answersRecord, supplyRecord)
  .map(([a, s]) => ({ ...a, ...s })) satisfies fc.Arbitrary<Answers>;

/** Answers that pass the field schema (`parseAnswers`); not normalized. */
export const answersArb: fc.Arbitrary<Answers> = answersWithSupply.filter((a) => parseAnswers(a).ok);

/** Typed values of the free-text fields only, on top of the defaults (for focused injection tests). */
export const freeTextArb = fc.record({
  runnerDescription: oneLineText(12),
  testCommand: oneLineText(12),
  dockerfile: dockerfilePath,
  context: contextPath,
  composeFile: composePath,
  runnerTags: fc.array(runnerTag, { minLength: 1, maxLength: 4 }),
  archTagArm64: runnerTag,
  noProxy: noProxyList,
});
