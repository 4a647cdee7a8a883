/**
 * Rules between answers, all in the core (never in UI watchers):
 * - `whyNot(answers, field, value)`: the reason an option cannot be chosen with the other answers, or null;
 * - `isRelevant(answers, field)`: whether a question applies at all (questions that do not apply disappear);
 * - `normalize(answers)`: applies what answers imply, and moves any answer that became impossible to the best
 *   option still possible, so the app never holds an impossible combination;
 * - `validateCombination(answers)`: the same rules, reported instead of repaired (the CLI refuses such files).
 *
 * Every rule that prevents one of the failures of failures.md names it in a comment.
 */
import {
  ANSWER_KEYS,
  AUTH_METHODS,
  CACHE_MODES,
  CACHE_REPOSITORY,
  DIND_CONNECTIONS,
  EXECUTORS,
  GATE_POLICIES,
  K8S_NODE_ARCHES,
  LINT_THRESHOLDS,
  K8S_POD_SECURITY_LEVELS,
  METHODS,
  MULTI_ARCH_MODES,
  NATIVE_PLATFORMS,
  MIRROR_PLACES,
  OSES,
  OVERLAY2_PLACES,
  PROXY_MODES,
  PROVENANCE_MODES,
  REGISTRATIONS,
  SIGN_MODES,
  SCAN_SEVERITIES,
  SCANNERS,
  type Answers,
  type FieldError,
  type Method,
} from './answers';
import { msg, type Msg } from './i18n';
import { SHA_TAGS, TAG_SCHEMES } from './tags';
import { methodRowWhyNot, methodWhyNot } from './methods/options';
import { attestationsWhyNot, registryOfRepository, supplyJobWhyNot } from './supply';
import {
  isAutoscaled,
  isBuildKitRootless,
  isDockerLikeExecutor,
  limitsBuildMemory,
  isHosted,
  isKubernetes,
  isKubernetesLinux,
  isMultiPlatform,
  isNativeMultiArch,
  pushRegistry,
  usesDockerCli,
  usesDockerCliDaemon,
} from './vocabulary';

/** Methods in the order the app falls back to when the current one becomes impossible: safest first. */
const METHOD_PREFERENCE: readonly Method[] = [
  'dind',
  'buildkit-rootless',
  'host',
  'pipe',
  'buildah',
  'podman',
  'socket',
  'buildctl',
];

type Rule<K extends keyof Answers> = (a: Answers, value: Answers[K]) => Msg | null;
type RuleTable = { [K in keyof Answers]?: Rule<K> };

const rules: RuleTable = {
  os: (a, os) =>
    isHosted(a) && os !== 'linux'
      ? msg(
          'GitLab-hosted runners build container images on Linux only in this tool.',
          'このツールでは、GitLabホストのRunnerでのイメージビルドはLinuxのみ対象です。',
        )
      : null,
  executor: (a, e) => {
    if (isHosted(a))
      return e === 'docker'
        ? null
        : msg('GitLab-hosted runners are managed by GitLab.', 'GitLabホストのRunnerはGitLabが管理します。');
    if (a.os === 'linux' && e === 'docker-windows')
      return msg(
        'docker-windows runs Windows containers on a Windows host.',
        'docker-windowsはWindowsホストでWindowsコンテナを実行します。',
      );
    if (a.os === 'windows' && (e === 'docker' || e === 'docker-autoscaler' || e === 'docker+machine'))
      return msg(
        'On a Windows host, the Docker executor for Windows containers is docker-windows.',
        'WindowsホストでWindowsコンテナを使うDocker executorはdocker-windowsです。',
      );
    if (a.os === 'macos' && e !== 'shell' && e !== 'docker')
      return msg('On macOS, use the shell or the Docker executor.', 'macOSではshellまたはDocker executorを使います。');
    return null;
  },
  // Each method's constraints live with its family (src/core/methods/<family>.options.ts).
  method: (a, m) => methodWhyNot(a, m),
  buildx: (a, on) => methodRowWhyNot(a, 'buildx', on),
  dindConnection: (a, t) => {
    if (t === 'socket-volume' && (isHosted(a) || !isDockerLikeExecutor(a.executor)))
      return msg(
        'A socket on a shared volume needs a Docker executor runner you administer.',
        '共有ボリューム上のソケットには、自分で管理するDocker executorのRunnerが必要です。',
      );
    return null;
  },
  registration: (a, r) =>
    r === 'legacy' && isHosted(a)
      ? msg('Hosted runners are not registered by you.', 'ホストされたRunnerは自分で登録しません。')
      : null,
  proxy: (a, p) =>
    p === 'runner' && isHosted(a)
      ? msg(
          'Runner environment settings need a runner you administer.',
          'Runnerの環境設定には自分で管理するRunnerが必要です。',
        )
      : null,
  mirrorUrl: (a, url) =>
    url !== '' && mirrorPlacesFor(a).length === 0
      ? msg(
          'No registry mirror can be configured for this build method here.',
          'このビルド方法ではレジストリミラーを設定できません。',
        )
      : null,
  // Without a mirror URL the place does not apply (isRelevant): an answers file without a mirror stays valid.
  mirrorPlace: (a, p) =>
    a.mirrorUrl === '' || mirrorPlacesFor(a).includes(p) || mirrorPlacesFor(a).length === 0
      ? null
      : mirrorPlaceReason(a, p),
  mtu: (a, mtu) => {
    // failures.md #24 dind-mtu-hang: the inner bridge must not be larger than the outer network
    if (mtu === 0 && a.method === 'dind' && isKubernetes(a))
      return msg(
        'Pod networks (VXLAN) are smaller than 1500: set the DinD MTU.',
        'Podネットワーク（VXLAN）は1500より小さいため、DinDのMTUを設定します。',
      );
    if ((mtu === 0 || mtu > 1360) && a.method === 'dind' && isHosted(a))
      return msg(
        'GitLab-hosted runners use an MTU of 1360: the DinD MTU must not be larger.',
        'GitLabホストのRunnerのMTUは1360です。DinDのMTUはそれ以下にします。',
      );
    return null;
  },
  cache: (a, c) => methodRowWhyNot(a, 'cache', c),
  cacheRef: (a, ref) =>
    a.cache === 'registry' && (a.method === 'buildah' || a.method === 'podman') && /:[^/]*$/.test(ref)
      ? msg(
          'Buildah and Podman take a cache repository without a tag (each cached layer gets its own tag).',
          'BuildahとPodmanのキャッシュはタグなしのリポジトリを指定します（キャッシュの各レイヤーに個別のタグが付きます）。',
        )
      : null,
  fromKaniko: (a, on) =>
    on && a.method !== 'buildkit-rootless'
      ? msg(
          'The Kaniko migration emits a rootless BuildKit job.',
          'Kanikoからの移行ではルートレスBuildKitのジョブを出力します。',
        )
      : null,
  overlay2: (a, s) =>
    s === 'runner' && isHosted(a)
      ? msg(
          'Runner environment settings need a runner you administer.',
          'Runnerの環境設定には自分で管理するRunnerが必要です。',
        )
      : null,
  authMethod: (a, m) => {
    if (m === 'mounted-config') {
      if (isHosted(a))
        return msg(
          'Mounting a file needs a runner you administer.',
          'ファイルのマウントには自分で管理するRunnerが必要です。',
        );
      if (a.method !== 'dind' && a.method !== 'socket')
        return msg(
          'A mounted config.json is generated for the Docker CLI (DinD or socket binding).',
          'マウントするconfig.jsonはDocker CLI（DinDまたはソケットバインディング）向けです。',
        );
    }
    if (m === 'docker-auth-config' && (a.method === 'pipe' || (a.os === 'windows' && a.method === 'host')))
      return msg('On Windows, log in with docker login.', 'Windowsではdocker loginでログインします。');
    return null;
  },
  passwordStdin: (a, stdin) =>
    !stdin && a.authMethod !== 'login'
      ? msg('Only docker login takes a password.', 'パスワードを受け取るのはdocker loginだけです。')
      : null,
  registryGitlab: (a, on) => {
    // failures.md #11 push-access-denied: log in to the registry you push to
    if (!on && a.push && pushRegistry(a) === 'gitlab' && a.authMethod !== 'mounted-config')
      return msg(
        'The image is pushed to the GitLab registry: log in to it.',
        'イメージはGitLabレジストリへプッシュされるため、ログインが必要です。',
      );
    return null;
  },
  registryDockerHub: (a, on) =>
    !on && a.push && pushRegistry(a) === 'dockerhub' && a.authMethod !== 'mounted-config'
      ? msg(
          'The image is pushed to Docker Hub: log in to it.',
          'イメージはDocker Hubへプッシュされるため、ログインが必要です。',
        )
      : !on && a.authMethod === 'login' && promotesTo(a, 'dockerhub')
        ? msg(
            'The image is promoted to Docker Hub: the copy logs in with these variables.',
            'イメージをDocker Hubへ昇格するため、コピーはこれらの変数でログインします。',
          )
        : null,
  registryOther: (a, on) =>
    !on && a.push && pushRegistry(a) === 'other' && a.authMethod !== 'mounted-config'
      ? msg(
          'The image is pushed to another registry: log in to it.',
          'イメージは別のレジストリへプッシュされるため、ログインが必要です。',
        )
      : !on && a.authMethod === 'login' && promotesTo(a, 'other')
        ? msg(
            'The image is promoted to the other registry: the copy logs in with these variables.',
            'イメージを別のレジストリへ昇格するため、コピーはこれらの変数でログインします。',
          )
        : null,
  // Supply chain (issue 14, item 3): attestations where a BuildKit builder pushes, signing in a Linux job.
  sbom: (a, on) => (on ? attestationsWhyNot(a) : null),
  provenance: (a, mode) => (mode === 'auto' ? null : attestationsWhyNot(a)),
  sign: (a, mode) => (mode === 'none' ? null : supplyJobWhyNot(a, 'sign')),
  // Promotion (issue 14, item 6): copies by digest in a Linux job, with a login for each target registry.
  promoteTargets: (a, targets) => {
    if (targets.length === 0) return null;
    const why = supplyJobWhyNot(a, 'promote');
    if (why) return why;
    const image = a.image.toLowerCase();
    if (targets.some((t) => t.toLowerCase() === image))
      return msg(
        'A target is the image itself: promote to another repository.',
        '対象がイメージ自身です。別のリポジトリへ昇格してください。',
      );
    if (a.authMethod === 'login' && targets.some((t) => registryOfRepository(a, t) === 'unknown'))
      return msg(
        'Promote to $CI_REGISTRY_IMAGE/…, Docker Hub or the other registry of the authentication step (the copy logs in with their variables), or use DOCKER_AUTH_CONFIG.',
        '$CI_REGISTRY_IMAGE/…、Docker Hub、または認証ステップの別のレジストリへ昇格してください（コピーはその変数でログインします）。またはDOCKER_AUTH_CONFIGを使ってください。',
      );
    return null;
  },
  image: (a, image) =>
    a.push && pushRegistry({ ...a, image }) === 'unknown' && a.authMethod !== 'mounted-config'
      ? msg(
          'Push to $CI_REGISTRY_IMAGE, Docker Hub, or the other registry you log in to.',
          '$CI_REGISTRY_IMAGE、Docker Hub、またはログインする別のレジストリへプッシュしてください。',
        )
      : null,
  compose: (a, on) =>
    on && !(a.method === 'dind' || a.method === 'socket' || a.method === 'host')
      ? msg(
          'docker compose needs the Docker CLI and a Linux daemon.',
          'docker composeにはDocker CLIとLinuxのデーモンが必要です。',
        )
      : null,
  runTests: (a, on) =>
    on && !usesDockerCli(a) && !a.push
      ? msg(
          'Without a daemon, the image is tested in a later job: enable the push.',
          'デーモンがない場合は後続ジョブでテストするため、プッシュを有効にしてください。',
        )
      : null,
  platforms: (a, platforms) => {
    if (platforms.length > 1 && a.method === 'pipe')
      return msg(
        'Windows container builds are single-platform.',
        'Windowsコンテナのビルドは単一プラットフォームです。',
      );
    if (platforms.length > 1 && a.method !== 'dind' && !a.push && !usesDockerCli(a))
      return msg('A multi-platform image must be pushed.', 'マルチプラットフォームイメージはプッシュが必要です。');
    return null;
  },
  // Native multi-arch (issue 14, item 5): one build job per architecture on a runner of that architecture.
  multiArch: (a, mode) => {
    if (mode !== 'native') return null;
    const other = a.platforms.filter((p) => !(NATIVE_PLATFORMS as readonly string[]).includes(p));
    if (other.length)
      return msg(
        `Native builds have runners for linux/amd64 and linux/arm64 only: build ${other.join(', ')} with QEMU.`,
        `ネイティブビルドのRunnerはlinux/amd64とlinux/arm64だけです。${other.join('、')}はQEMUでビルドしてください。`,
      );
    if (a.os === 'windows' && !isHosted(a))
      return msg(
        'Windows container builds are single-platform.',
        'Windowsコンテナのビルドは単一プラットフォームです。',
      );
    // The per-architecture jobs tag their own images; the merge job writes the fixed tags. Tags computed from git by
    // the image-tags job are not merged yet: refused rather than pushed under one tag only.
    if (a.push && a.tagScheme !== 'fixed')
      return msg(
        'Native multi-arch builds push the fixed tags (commit SHA, latest, the git tag): choose fixed tags, or QEMU for computed tags.',
        'ネイティブのマルチアーキテクチャビルドは固定のタグ（コミットSHA、latest、Gitタグ）をプッシュします。固定のタグを選ぶか、計算したタグにはQEMUを使ってください。',
      );
    if (isKubernetes(a) && a.k8sNodeArch !== 'mixed')
      return msg(
        'On Kubernetes, each per-architecture job selects its nodes: set the node architecture to mixed amd64 and arm64.',
        'Kubernetesでは各アーキテクチャのジョブがノードを選びます。ノードのアーキテクチャをamd64とarm64の混在にしてください。',
      );
    return null;
  },
  customCaVar: (a, name) => {
    if (name === '') return null;
    if (isHosted(a) && a.method === 'dind')
      return msg(
        'The Docker-in-Docker daemon trusts a CA only when the runner mounts it: needs a runner you administer.',
        'DinDのデーモンにCAを信頼させるにはRunnerでのマウントが必要です（自分で管理するRunner）。',
      );
    if (a.method === 'pipe')
      return msg('Install the CA on the Windows host instead.', 'WindowsホストにCAをインストールしてください。');
    if (a.method === 'buildctl')
      return msg(
        'buildkitd in a service container cannot read a file variable of the job: use rootless BuildKit for a custom CA.',
        'サービスコンテナのbuildkitdはジョブのファイル変数を読めません。カスタムCAにはルートレスBuildKitを使ってください。',
      );
    return null;
  },
  plainHttpRegistry: (a, host) =>
    host !== '' && a.method === 'buildctl'
      ? msg(
          'buildkitd in a service container cannot read a buildkitd.toml of the job: use rootless BuildKit for a plain-HTTP registry.',
          'サービスコンテナのbuildkitdはジョブのbuildkitd.tomlを読めません。平文HTTPのレジストリにはルートレスBuildKitを使ってください。',
        )
      : null,
  // Gates (issue 14, item 4): the lint and scan jobs run Linux images (hadolint, Trivy, GitLab's analyzer).
  lint: (a, on) => (on ? gateWhyNot(a) : null),
  scan: (a, scanner) => {
    if (scanner === 'none') return null;
    if (!a.push)
      return msg(
        'The scan reads the pushed image by digest: enable the push.',
        'スキャンはプッシュしたイメージをダイジェストで読むため、プッシュを有効にしてください。',
      );
    return gateWhyNot(a);
  },
  // Issue 14, tags from git: the tag computation is POSIX sh + awk (tags.ts); a PowerShell job keeps the fixed tags.
  tagScheme: (a, scheme) => {
    if (scheme === 'fixed') return null;
    if (!a.push)
      return msg(
        'Tags from git or a template name pushed images: enable the push.',
        'Gitやテンプレートからのタグはプッシュするイメージの名前です。プッシュを有効にしてください。',
      );
    if (a.os === 'windows' && !isHosted(a))
      return msg(
        'The tags are computed in POSIX sh and awk; Windows (PowerShell) jobs keep the fixed tags.',
        'タグはPOSIX shとawkで計算します。Windows（PowerShell）のジョブは固定のタグのままです。',
      );
    return null;
  },
  // The later test job of a builder without a daemon runs `<image>:$CI_COMMIT_SHA`: that tag must be pushed.
  tagShaForm: (a, form) =>
    form !== 'long' && a.tagScheme !== 'fixed' && a.runTests && !usesDockerCli(a)
      ? msg(
          'The test job runs the image by its full commit SHA tag: keep the full SHA.',
          'テストジョブはコミットSHA（完全な形）のタグでイメージを実行します。完全なSHAのままにしてください。',
        )
      : null,
  // BuildKit secrets: Windows containers are built by the classic builder, which has no --secret.
  buildSecrets: (a, names) =>
    names.length > 0 && a.os === 'windows' && !isHosted(a)
      ? msg(
          'Build secrets need BuildKit, which does not build Windows containers.',
          'ビルドシークレットにはBuildKitが必要ですが、BuildKitはWindowsコンテナをビルドしません。',
        )
      : null,
  customCaHost: (a, host) =>
    a.customCaVar !== '' && host === '' && a.method !== 'buildkit-rootless'
      ? msg(
          'Name the registry host (host:port) the CA is for.',
          'CAを使うレジストリのホスト（host:port）を入力してください。',
        )
      : null,
};

/** A promotion target is in a registry of this kind. */
function promotesTo(a: Answers, kind: 'dockerhub' | 'other'): boolean {
  return a.promoteTargets.some((t) => registryOfRepository(a, t) === kind);
}

/**
 * Why the gate jobs (lint, scan) cannot run with these answers, or null. They run Linux container images: a Windows
 * runner cannot start them, and the shell executor ignores `image:` and shares the runner user's Docker
 * configuration (the push credentials its `docker login` wrote) with every job, so a scanner would hold them.
 */
function gateWhyNot(a: Answers): Msg | null {
  if (isHosted(a)) return null;
  if (a.os === 'windows')
    return msg(
      'The lint and scan jobs run Linux images (hadolint, Trivy): a Windows runner cannot start them. Run them on a Linux runner of their own.',
      'lintとスキャンのジョブはLinuxイメージ（hadolint、Trivy）で動きます。WindowsのRunnerでは起動できないため、専用のLinux Runnerで実行してください。',
    );
  if (a.executor === 'shell')
    return msg(
      'The shell executor ignores the job image and shares the Docker login of the build with every job: the gates need a Docker or Kubernetes executor.',
      'shell executorはジョブイメージを無視し、ビルドのDockerログインを全ジョブで共有します。ゲートにはDockerまたはKubernetes executorが必要です。',
    );
  return null;
}

/** Where a registry mirror can be configured for these answers (failures.md #6 dockerhub-rate-limit). */
export function mirrorPlacesFor(a: Answers): MirrorPlaceList {
  const selfManaged = !isHosted(a);
  switch (a.method) {
    case 'dind': {
      const places: MirrorPlaceList = ['ci-service'];
      if (selfManaged && (isDockerLikeExecutor(a.executor) || a.executor === 'kubernetes'))
        places.push('runner-service', 'daemon-json');
      return places;
    }
    case 'socket':
    case 'host':
    case 'pipe':
      return selfManaged ? ['daemon-json'] : [];
    case 'buildkit-rootless':
      return ['buildkitd'];
    default:
      return [];
  }
}
type MirrorPlaceList = Answers['mirrorPlace'][];

function mirrorPlaceReason(a: Answers, p: Answers['mirrorPlace']): Msg {
  if (p === 'buildkitd')
    return msg('buildkitd.toml configures rootless BuildKit.', 'buildkitd.tomlはルートレスBuildKitの設定です。');
  if (p === 'ci-service')
    return msg(
      'Only a Docker-in-Docker service takes a mirror flag.',
      'ミラーのフラグを受け取るのはDinDサービスだけです。',
    );
  if (isHosted(a))
    return msg('Runner settings need a runner you administer.', 'Runnerの設定には自分で管理するRunnerが必要です。');
  return msg('Not available for this build method.', 'このビルド方法では使えません。');
}

/** The options of each enumerated question, in the order the app offers them. */
export const OPTIONS = {
  runnerKind: ['self-managed', 'gitlab-hosted'],
  os: OSES,
  executor: EXECUTORS,
  registration: REGISTRATIONS,
  method: METHODS,
  dindConnection: DIND_CONNECTIONS,
  proxy: PROXY_MODES,
  mirrorPlace: MIRROR_PLACES,
  cache: CACHE_MODES,
  tagScheme: TAG_SCHEMES,
  tagShaForm: SHA_TAGS,
  overlay2: OVERLAY2_PLACES,
  authMethod: AUTH_METHODS,
  k8sPodSecurity: K8S_POD_SECURITY_LEVELS,
  k8sNodeArch: K8S_NODE_ARCHES,
  provenance: PROVENANCE_MODES,
  sign: SIGN_MODES,
  lintThreshold: LINT_THRESHOLDS,
  scan: SCANNERS,
  scanSeverity: SCAN_SEVERITIES,
  gatePolicy: GATE_POLICIES,
  multiArch: MULTI_ARCH_MODES,
} as const;

/** The reason `value` cannot be chosen for `field` given the other answers, or null when it can. */
export function whyNot<K extends keyof Answers>(a: Answers, field: K, value: Answers[K]): Msg | null {
  const rule = rules[field] as Rule<K> | undefined;
  return rule ? rule(a, value) : null;
}

/** Whether a question applies to these answers; answers to questions that do not apply are ignored. */
export function isRelevant(a: Answers, field: keyof Answers): boolean {
  const selfManaged = !isHosted(a);
  const k8s = isKubernetes(a);
  switch (field) {
    case 'os':
    case 'executor':
    case 'runnerDescription':
    case 'runnerTags':
    case 'registration':
    case 'allowPrivileged':
      return selfManaged;
    case 'k8sNamespace':
      return k8s || (selfManaged && a.executor === 'kubernetes');
    case 'helm':
      return k8s;
    case 'windowsVersion':
      return a.os === 'windows' && selfManaged;
    case 'windowsHelperImage':
      return selfManaged && a.executor === 'docker-windows';
    case 'cloud':
    case 'maxUseCount':
    case 'idleCount':
    case 'idleMinutes':
      return isAutoscaled(a);
    case 'instanceGroup':
    case 'connectorUser':
    case 'maxInstances':
    case 'capacityPerInstance':
      return isAutoscaled(a) && a.executor === 'docker-autoscaler';
    case 'cloudRegion':
      // The fleeting plugin for Azure reads the location from the scale set; Docker Machine needs it.
      return isAutoscaled(a) && (a.executor === 'docker+machine' || a.cloud !== 'azure');
    case 'cloudProject':
      return isAutoscaled(a) && a.cloud !== 'aws';
    case 'cloudResourceGroup':
      return isAutoscaled(a) && a.cloud === 'azure';
    case 'eksDockerdRename':
      return k8s && a.method === 'pipe';
    case 'k8sPodSecurity':
    case 'k8sNodeArch':
      return isKubernetesLinux(a);
    case 'buildMemory':
      return limitsBuildMemory(a);
    case 'buildx':
      return usesDockerCliDaemon(a);
    case 'dockerVersion':
      return usesDockerCli(a) || a.method === 'buildctl';
    case 'buildkitVersion':
      // Buildx pins its docker-container builder's BuildKit to this version too.
      return isBuildKitRootless(a) || a.method === 'buildctl' || (usesDockerCliDaemon(a) && a.buildx);
    case 'buildahVersion':
      return a.method === 'buildah';
    case 'podmanVersion':
      return a.method === 'podman';
    case 'fromKaniko':
      return a.method === 'buildkit-rootless';
    case 'tagLatest':
    case 'tagGitTag':
    case 'tagSha':
      return a.push && a.tagScheme === 'fixed';
    case 'otherBranches':
      return a.push && a.tagScheme === 'fixed' && (a.tagLatest || a.tagGitTag);
    case 'tagScheme':
      return a.push;
    case 'tagPrefix':
    case 'tagSemverLatest':
      return a.push && a.tagScheme === 'semver';
    case 'tagShaForm':
      return a.push && a.tagScheme !== 'fixed';
    case 'tagTemplate':
      return a.push && a.tagScheme === 'template';
    case 'composeFile':
      return a.compose;
    case 'testCommand':
      return a.runTests;
    case 'dindConnection':
      return a.method === 'dind';
    case 'customCaHost':
      return a.customCaVar !== '';
    case 'httpProxy':
    case 'httpsProxy':
    case 'noProxy':
      return a.proxy !== 'none';
    case 'mirrorPlace':
      return a.mirrorUrl !== '' && mirrorPlacesFor(a).length > 1;
    case 'mtu':
      return a.method === 'dind';
    case 'cacheMode':
      return a.cache === 'registry' && a.method !== 'buildah' && a.method !== 'podman';
    case 'cacheRef':
    case 'cachePerRef':
    case 'cacheProtectedWrite':
      return a.cache === 'registry';
    case 'componentName':
    case 'componentProject':
      return a.component;
    case 'overlay2':
    case 'dindIptables':
      return a.method === 'dind';
    case 'passwordStdin':
      return a.authMethod === 'login';
    case 'dockerHubUserVar':
    case 'dockerHubPasswordVar':
      return a.registryDockerHub && a.authMethod !== 'mounted-config';
    case 'otherUserVar':
    case 'otherPasswordVar':
      return a.registryOther && a.authMethod !== 'mounted-config';
    case 'otherRegistryHost':
      return a.registryOther;
    case 'authConfigVar':
      return a.authMethod === 'docker-auth-config';
    case 'protectedOnly':
      return (a.registryDockerHub || a.registryOther) && a.authMethod !== 'mounted-config';
    case 'cosignKeyVar':
    case 'cosignPasswordVar':
      return a.sign === 'key';
    case 'lintThreshold':
      return a.lint;
    case 'scanSeverity':
      return a.scan !== 'none';
    case 'gatePolicy':
      return a.lint || a.scan === 'trivy';
    case 'scanUserVar':
    case 'scanPasswordVar':
      return a.scan !== 'none' && pushRegistry(a) !== 'gitlab';
    case 'multiArch':
      return isMultiPlatform(a);
    case 'archTagAmd64':
    case 'archTagArm64':
      // Hosted runners have fixed tags; a Kubernetes runner picks the node with a node selector instead.
      return isNativeMultiArch(a) && selfManaged && !k8s;
    case 'compose':
    case 'runTests':
    default:
      return true;
  }
}

const ENUM_PREFERENCE: { [K in keyof typeof OPTIONS]: readonly Answers[K][] } = {
  ...OPTIONS,
  method: METHOD_PREFERENCE,
  os: OSES,
};

/**
 * Applies what the answers imply and repairs any answer that became impossible, deterministically.
 * normalize(normalize(a)) equals normalize(a).
 */
export function normalize(input: Answers): Answers {
  const a: Answers = structuredClone(input);
  for (let pass = 0; pass < 4; pass++) {
    if (isHosted(a)) {
      a.allowPrivileged = true; // GitLab.com hosted Linux runners run privileged, in a VM discarded after the job
      a.registration = 'token';
    }
    for (const field of Object.keys(ENUM_PREFERENCE) as (keyof typeof OPTIONS)[]) {
      if (whyNot(a, field, a[field]) === null) continue;
      const options = ENUM_PREFERENCE[field] as readonly string[];
      const next = options.find((o) => whyNot(a, field, o as never) === null);
      if (next !== undefined) (a as unknown as Record<string, unknown>)[field] = next;
    }
    const places = mirrorPlacesFor(a);
    if (!places.includes(a.mirrorPlace) && places[0]) a.mirrorPlace = places[0];
    if (whyNot(a, 'buildx', a.buildx)) a.buildx = !a.buildx;
    if (whyNot(a, 'mtu', a.mtu)) a.mtu = isHosted(a) ? 1360 : 1450;
    if (whyNot(a, 'passwordStdin', a.passwordStdin)) a.passwordStdin = true;
    if (whyNot(a, 'compose', a.compose)) a.compose = false;
    if (whyNot(a, 'fromKaniko', a.fromKaniko)) a.fromKaniko = false;
    if (whyNot(a, 'runTests', a.runTests)) a.runTests = false;
    if (whyNot(a, 'platforms', a.platforms)) a.platforms = [];
    if (whyNot(a, 'mirrorUrl', a.mirrorUrl)) a.mirrorUrl = '';
    if (whyNot(a, 'customCaVar', a.customCaVar)) a.customCaVar = '';
    if (whyNot(a, 'plainHttpRegistry', a.plainHttpRegistry)) a.plainHttpRegistry = '';
    if (whyNot(a, 'customCaHost', a.customCaHost))
      a.customCaHost = a.registryOther ? a.otherRegistryHost : 'registry.example.com';
    if (whyNot(a, 'cache', a.cache)) a.cache = 'none';
    // The repository of a tagged reference (Buildah's and Podman's cache): `repo/cache:buildcache` -> `repo/cache`.
    // A reference that is only a tag (`:buildcache`) has no repository left: the default cache repository instead.
    if (whyNot(a, 'cacheRef', a.cacheRef)) a.cacheRef = a.cacheRef.replace(/:[^/]*$/, '') || CACHE_REPOSITORY;
    if (whyNot(a, 'lint', a.lint)) a.lint = false;
    if (whyNot(a, 'tagScheme', a.tagScheme)) a.tagScheme = 'fixed';
    if (whyNot(a, 'tagShaForm', a.tagShaForm)) a.tagShaForm = 'long';
    if (whyNot(a, 'buildSecrets', a.buildSecrets)) a.buildSecrets = [];
    if (whyNot(a, 'sbom', a.sbom)) a.sbom = false;
    if (whyNot(a, 'promoteTargets', a.promoteTargets)) a.promoteTargets = [];
    const pushTo = pushRegistry(a);
    if (whyNot(a, 'registryGitlab', a.registryGitlab)) a.registryGitlab = true;
    if (whyNot(a, 'registryDockerHub', a.registryDockerHub)) a.registryDockerHub = true;
    if (whyNot(a, 'registryOther', a.registryOther)) a.registryOther = true;
    if (pushTo === 'unknown' && whyNot(a, 'image', a.image)) a.image = '$CI_REGISTRY_IMAGE';
  }
  return a;
}

/** An answer that the other answers rule out: `message` is `text.en` (the CLI reports one line). */
export interface CombinationError extends FieldError {
  /** `field=value: reason`, in both languages. */
  text: Msg;
}

/** Every answer that the other answers rule out, with the reason, in field order ([] for a possible combination). */
export function validateCombination(a: Answers): CombinationError[] {
  const errors: CombinationError[] = [];
  for (const field of ANSWER_KEYS) {
    const reason = whyNot(a, field, a[field]);
    if (!reason) continue;
    const value = `${field}=${JSON.stringify(a[field])}`;
    const text = msg(`${value}: ${reason.en}`, `${value}: ${reason.ja}`);
    errors.push({ field, message: text.en, text });
  }
  return errors;
}
