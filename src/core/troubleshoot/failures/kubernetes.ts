/**
 * Docker-in-Docker on the Kubernetes executor: the client certificates and the service flags and health check.
 *
 * failures.md #12, #13; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import type { Answers } from '../../answers';
import { msg } from '../../i18n';
import { isKubernetesLinux } from '../../vocabulary';
import { CROSS_PLATFORM_BUILD, K8S_LOG } from '../log-patterns';
import type { Facts, Failure } from '../types';

const LEVEL_RANK = { privileged: 0, baseline: 1, restricted: 2 } as const;
/**
 * The Pod Security level a rejection asks for: the level PodSecurity names, else restricted (a Gatekeeper or
 * Kyverno rule against privilege escalation, an OpenShift SCC: their rules copy restricted).
 */
const levelOf = (facts: Facts): 'baseline' | 'restricted' => (facts.level === 'baseline' ? 'baseline' : 'restricted');

/**
 * failures.md #12 k8s-dind-certs-race and #13 k8s-service-args-and-healthcheck; then the real-world cases
 * k8s-pod-security-rejected and k8s-node-arch-mismatch (issue 13), in the order of FAILURE_IDS.
 */
export const KUBERNETES_FAILURES: readonly Failure[] = [
  {
    id: 'k8s-dind-certs-race',
    n: 12,
    title: msg('Kubernetes: the dind client certificates are missing', 'Kubernetes: dindのクライアント証明書がない'),
    cause: msg(
      'On Kubernetes there is no shared /certs/client volume unless the runner declares one, or the script starts before dind has written its certificates.',
      'Kubernetesでは、Runnerで宣言しない限り共有の/certs/clientボリュームがありません。または、dindが証明書を書き込む前にスクリプトが始まっています。',
    ),
    fixText: msg(
      'Declare [[runners.kubernetes.volumes.empty_dir]] name = "docker-certs", mount_path = "/certs/client", medium = "Memory" in config.toml, and set HEALTHCHECK_TCP_PORT: "2376" on the service so that the job waits for dockerd. As a fallback, start the script with `until docker info; do sleep 1; done`.',
      'config.tomlで[[runners.kubernetes.volumes.empty_dir]] name = "docker-certs"、mount_path = "/certs/client"、medium = "Memory"を宣言し、サービスにHEALTHCHECK_TCP_PORT: "2376"を設定して、ジョブがdockerdを待つようにします。予備策として、スクリプトの先頭で`until docker info; do sleep 1; done`を実行します。',
    ),
    fix: {
      label: msg(
        'Regenerate the Kubernetes dind setup with the certificate volume and the health check',
        '証明書ボリュームとヘルスチェック付きでKubernetesのdind構成を生成し直す',
      ),
      patch: () => ({ method: 'dind', dindConnection: 'tls' }),
      outside: msg(
        'Apply the empty_dir volume from the generated config.toml (or Helm values.yaml) to the runner and restart it.',
        '生成したconfig.toml（またはHelmのvalues.yaml）のempty_dirボリュームをRunnerに反映し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27384',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27306',
    ],
    explains: ['dind-tls-port-mismatch'],
    recognisers: [
      {
        kw: ['.pem'],
        re: /open (?<path>\/[^\s:]*\/(?:ca|cert|key)\.pem): no such file or directory/i,
        context: K8S_LOG,
      },
    ],
  },
  {
    id: 'k8s-service-args-and-healthcheck',
    n: 13,
    title: msg(
      'Kubernetes: dind service flags mangled, or no wait for the service',
      'Kubernetes: dindサービスのフラグが壊れている、またはサービスを待っていない',
    ),
    cause: msg(
      'The Kubernetes executor historically put both entrypoint and command into the container command, and CI/CD variables are not expanded in services command/entrypoint, so dockerd receives a literal $VAR or runs a flag as a program. Kubernetes cannot detect a service port: without HEALTHCHECK_TCP_PORT the job does not wait for dind at all.',
      'Kubernetes executorは以前、entrypointとcommandの両方をコンテナのcommandに入れていました。またservicesのcommand/entrypointではCI/CD変数が展開されないため、dockerdがリテラルの$VARを受け取ったり、フラグをプログラムとして実行したりします。Kubernetesはサービスのポートを検出できないため、HEALTHCHECK_TCP_PORTがないとジョブはdindを待ちません。',
    ),
    fixText: msg(
      'Write literal flags (command: ["--mtu=1450"]), set HEALTHCHECK_TCP_PORT on the service, and use DOCKER_HOST tcp://docker:2376.',
      'フラグはリテラルで書き（command: ["--mtu=1450"]）、サービスにHEALTHCHECK_TCP_PORTを設定し、DOCKER_HOSTにtcp://docker:2376を使います。',
    ),
    fix: {
      label: msg(
        'Regenerate the dind service with literal flags and HEALTHCHECK_TCP_PORT',
        'リテラルのフラグとHEALTHCHECK_TCP_PORT付きでdindサービスを生成し直す',
      ),
      patch: () => ({ method: 'dind' }),
      outside: msg(
        'Upgrade GitLab Runner if the service command is still run as a program.',
        'サービスのcommandがまだプログラムとして実行される場合は、GitLab Runnerを更新します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3071',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3808',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27215',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        kw: ['invalid argument "$'],
        re: /invalid argument "(?<value>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)" for "(?<flag>-{1,2}[\w-]+)" flag/,
      },
      {
        kw: ['executable file not found'],
        re: /exec: "(?<arg>-{1,2}[A-Za-z][\w-]*(?:=[^"]*)?)": executable file not found in \$PATH/,
      },
    ],
  },
  {
    id: 'k8s-pod-security-rejected',
    n: 35,
    title: msg(
      'Kubernetes: a cluster policy rejects the job pod',
      'Kubernetes: クラスターのポリシーがジョブポッドを拒否する',
    ),
    cause: msg(
      'The namespace enforces Pod Security (baseline or restricted) or a policy engine (Gatekeeper, Kyverno, OpenShift SCC) that rejects the job pod before it starts: a privileged container, a hostPath volume, an Unconfined AppArmor or seccomp profile, or, under restricted, a container that may gain privileges, runs as root, keeps its capabilities or has no RuntimeDefault seccomp profile. The runner sets none of these security contexts by default.',
      'ネームスペースがPod Security（baselineまたはrestricted）またはポリシーエンジン（Gatekeeper、Kyverno、OpenShift SCC）を強制しており、ジョブポッドを開始前に拒否しています。特権コンテナ、hostPathボリューム、UnconfinedのAppArmor/seccompプロファイル、restrictedでは権限昇格できる、rootで動く、ケーパビリティを保持する、RuntimeDefaultのseccompプロファイルがないコンテナが対象です。Runnerは既定ではこれらのセキュリティコンテキストを設定しません。',
    ),
    fixText: msg(
      "Tell the wizard the level: it emits allow_privilege_escalation = false, the pod security context (run_as_non_root, run_as_user, fs_group, RuntimeDefault seccomp) and the helper, service and init containers' contexts (capabilities drop ALL), and refuses Docker-in-Docker, buildctl and socket binding (privileged, hostPath). Rootless BuildKit, Buildah and Podman still need an exemption for the build container (Unconfined AppArmor and seccomp, the setuid newuidmap); Kubernetes user namespaces (hostUsers: false) lower its risk.",
      'ウィザードにレベルを指定します。allow_privilege_escalation = false、Podのセキュリティコンテキスト（run_as_non_root、run_as_user、fs_group、RuntimeDefaultのseccomp）、ヘルパー・サービス・initコンテナのコンテキスト（capabilities drop ALL）を出力し、Docker-in-Docker、buildctl、ソケットバインディング（特権、hostPath）は選べなくなります。ルートレスBuildKit、Buildah、Podmanはビルドコンテナの除外（UnconfinedのAppArmorとseccomp、setuidのnewuidmap）が引き続き必要です。Kubernetesのユーザー名前空間（hostUsers: false）はそのリスクを下げます。',
    ),
    fix: {
      label: msg(
        "Regenerate the runner configuration for the namespace's Pod Security level",
        'ネームスペースのPod Securityレベルに合わせてRunnerの設定を生成し直す',
      ),
      patch: (_a, facts) => ({ executor: 'kubernetes', os: 'linux', k8sPodSecurity: levelOf(facts) }),
      outside: msg(
        "Exempt the build container in the namespace's policy (Gatekeeper: exemptImages; Kyverno: a PolicyException; OpenShift: an SCC for the runner's service account). Pod Security Admission cannot exempt one container: exempt the namespace in the AdmissionConfiguration or run the job pods in a namespace labelled privileged, with the cluster administrator's agreement.",
        'ネームスペースのポリシーでビルドコンテナを除外します（Gatekeeper: exemptImages、Kyverno: PolicyException、OpenShift: RunnerのサービスアカウントにSCC）。Pod Security Admissionはコンテナ単位では除外できません。クラスター管理者の同意のうえで、AdmissionConfigurationでネームスペースを除外するか、privilegedのラベルを付けたネームスペースでジョブポッドを実行します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/26998',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      'https://docs.gitlab.com/runner/executors/kubernetes/',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/6512',
    ],
    recognisers: [
      {
        kw: ['admission webhook'],
        re: /admission webhook "(?<webhook>[^"\s]{1,200})" denied the request/i,
      },
      {
        kw: ['violates podsecurity'],
        re: /violates PodSecurity "(?<level>baseline|restricted)(?::[\w.-]{1,20})?"/i,
      },
      {
        kw: ['security context constraint'],
        re: /unable to validate against any security context constraint/i,
      },
    ],
    holds: (a: Answers, facts: Facts) =>
      isKubernetesLinux(a) && LEVEL_RANK[a.k8sPodSecurity] < LEVEL_RANK[levelOf(facts)],
  },
  {
    id: 'k8s-node-arch-mismatch',
    n: 36,
    title: msg(
      'Kubernetes: the job pod runs on a node of another CPU architecture',
      'Kubernetes: ジョブポッドが別のCPUアーキテクチャのノードで動く',
    ),
    cause: msg(
      'Without a kubernetes.io/arch node selector the runner uses the amd64 (x86_64) helper image, and the pod may land on an arm64 node: the pull fails with "no match for platform in manifest", or a container starts with "exec format error". A job image built for one architecture fails the same way. This is not QEMU emulation of a multi-platform build.',
      'kubernetes.io/archのノードセレクターがないと、Runnerはamd64（x86_64）のヘルパーイメージを使い、ポッドはarm64ノードに配置されることがあります。プルが「no match for platform in manifest」で失敗するか、コンテナが「exec format error」で起動します。単一アーキテクチャ用のジョブイメージも同じく失敗します。マルチプラットフォームビルドのQEMUエミュレーションの問題ではありません。',
    ),
    fixText: msg(
      'Set [runners.kubernetes.node_selector] "kubernetes.io/arch" = "amd64" or "arm64": the runner derives the helper image\'s architecture from it. In a mixed cluster, keep a default and allow node_selector_overwrite_allowed = "kubernetes.io/arch=.*" so that a job sets KUBERNETES_NODE_SELECTOR_ARCH, with multi-arch job images. helper_image_autoset_arch_and_os = true only takes the runner\'s own architecture, which does not follow the node.',
      '[runners.kubernetes.node_selector] "kubernetes.io/arch" = "amd64"または"arm64"を設定します。Runnerはこれからヘルパーイメージのアーキテクチャを決めます。混在クラスターでは既定を置き、node_selector_overwrite_allowed = "kubernetes.io/arch=.*"でジョブがKUBERNETES_NODE_SELECTOR_ARCHを設定できるようにし、マルチアーキテクチャのジョブイメージを使います。helper_image_autoset_arch_and_os = trueはRunner自身のアーキテクチャを使うだけで、ノードには従いません。',
    ),
    fix: {
      label: msg(
        'Pin the job pods to the nodes of one architecture (node selector)',
        'ジョブポッドを1つのアーキテクチャのノードに固定する（ノードセレクター）',
      ),
      patch: () => ({ executor: 'kubernetes', os: 'linux' }),
      questions: [
        {
          id: 'arch',
          text: msg('Which CPU architecture do the job nodes have?', 'ジョブを実行するノードのCPUアーキテクチャは？'),
          recommended: () => 'mixed',
          options: [
            {
              id: 'mixed',
              label: msg('Both amd64 and arm64', 'amd64とarm64の両方'),
              patch: () => ({ k8sNodeArch: 'mixed' }),
            },
            { id: 'amd64', label: msg('amd64 only', 'amd64のみ'), patch: () => ({ k8sNodeArch: 'amd64' }) },
            { id: 'arm64', label: msg('arm64 only', 'arm64のみ'), patch: () => ({ k8sNodeArch: 'arm64' }) },
          ],
        },
      ],
      outside: msg(
        'Use multi-arch images for the jobs, or a KUBERNETES_NODE_SELECTOR_ARCH variable in the jobs whose image exists for one architecture only.',
        'ジョブにはマルチアーキテクチャのイメージを使うか、単一アーキテクチャのイメージを使うジョブにKUBERNETES_NODE_SELECTOR_ARCH変数を設定します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38819',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27768',
      'https://docs.gitlab.com/runner/executors/kubernetes/#operating-system-architecture-and-windows-kernel-version',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/4048',
    ],
    recognisers: [
      {
        kw: ['no match for platform in manifest'],
        re: /no match for platform in manifest/i,
        facts: /gitlab-runner-helper:(?<helperArch>x86_64|arm64|arm|s390x|ppc64le|riscv64)-/,
        context: K8S_LOG,
      },
      {
        kw: ['no matching manifest for'],
        re: /no matching manifest for (?<platform>linux\/[\w/]{1,20}) in the manifest list entries/i,
        context: K8S_LOG,
      },
      {
        kw: ['exec format error'],
        re: /exec format error/i,
        context: K8S_LOG,
        unlessContext: CROSS_PLATFORM_BUILD,
      },
    ],
    holds: (a: Answers) => isKubernetesLinux(a) && a.k8sNodeArch === 'any',
  },
];
